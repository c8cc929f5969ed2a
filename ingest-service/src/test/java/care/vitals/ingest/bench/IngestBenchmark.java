package care.vitals.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import care.vitals.ingest.it.IngestProcess;
import care.vitals.model.alarm.TechnicalRules;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import care.vitals.testsupport.VictoriaMetricsServer;

/**
 * End-to-end ingest benchmark: real Mosquitto and InfluxDB 1.x on this machine, the
 * ingest jar as its own process, a Paho load publisher. Prints a table and writes it to
 * docs/benchmarks.md. Not a test: it asserts nothing and runs only on demand
 * ({@code bench/ingest.sh}).
 * <p>
 * Properties: {@code bench.seconds} per phase (30), {@code bench.maxRate} (30000),
 * {@code bench.outage} seconds of InfluxDB outage at 5,000 msg/s (60; 600 for the full
 * 10-minute run), {@code bench.assigned} (true: every load device is admitted to its own
 * patient first, so the clinical engine scores every reading, as on a ward).
 * {@code bench.phases}: {@code all}, {@code drain}, {@code outage}, {@code overload}
 * (20,000 and max, then the outage), {@code paced} (the pipelined 20,000 msg/s,
 * {@code bench.pacedRuns} times, 1; {@code bench.pacedRates} other rates in turn,
 * comma-separated, each run), or one rate. Experiments: {@code bench.env} (more ingest
 * settings, {@code NAME=value,...}), {@code bench.broker} (more Mosquitto lines,
 * {@code ;}-separated), {@code bench.trace} (the broker's counters every 10 s),
 * {@code bench.baseline} (another build's jar, drained in the same run, alternating ABBA
 * with this build, {@link Alternation}; with {@code bench.phases=paced} the pipelined
 * 20,000 msg/s alternates so), {@code bench.timeline} (the recorded phases second by
 * second, {@link Timeline}), {@code bench.store=victoria-metrics} (the paced phase with
 * VictoriaMetrics as the database, through the ingest's v2 API).
 * <p>
 * What the broker acknowledged is checked against what InfluxDB holds after every phase
 * ({@link Ledger}).
 */
public final class IngestBenchmark {

	private static final String ADMIN = "bench";

	private static final int DEVICES = 2000;

	private static final String PASSWORD = "bench-password-" + System.nanoTime();

	private final MosquittoServer mosquitto = broker();

	private final InfluxDb1Server influx = InfluxDb1Server.create();

	/**
	 * VictoriaMetrics instead of InfluxDB, through the ingest's v2 API
	 * ({@code -Dbench.store=victoria-metrics}, the paced phase only): the same ingest in
	 * front of a database that writes differently.
	 */
	private final VictoriaMetricsServer victoria = "victoria-metrics".equals(System.getProperty("bench.store"))
			? VictoriaMetricsServer.create() : null;

	private final List<String> rows = new ArrayList<>();

	private IngestProcess ingest;

	private Map<String, String> environment;

	private String alarmRow = "alarm latency not measured";

	private final List<String> drainRows = new ArrayList<>();

	private LoadPublisher publisher;

	private BrokerStatistics broker;

	private Ledger ledger;

	private final HttpClient http = HttpClient.newHttpClient();

	/** Unrecorded drain bursts before the measured one: {@code -Dbench.warmBursts}. */
	static final int WARM_BURSTS = Integer.getInteger("bench.warmBursts", 2);

	/**
	 * Seconds after the load publisher's last message when the no-data storm of its
	 * devices is over: the default no-data timeout (the benchmark's ingest leaves
	 * {@code ingest.clinical.no-data-timeout} unset), then 6 s for the clock's tick and
	 * the lists' publication.
	 */
	static final long NO_DATA_STORM_OVER = TechnicalRules.defaults().noDataTimeout().toSeconds() + 6;

	/** The broker's CPU per message while it sent the burst to {@code mosquitto_sub}. */
	private double referenceBroker;

	private final IngestMeters meters = new IngestMeters(this.http, basic());

	public static void main(String[] args) throws Exception {
		new IngestBenchmark().run(Integer.getInteger("bench.seconds", 30), Integer.getInteger("bench.maxRate", 30000),
				Integer.getInteger("bench.outage", 60),
				Boolean.parseBoolean(System.getProperty("bench.assigned", "true")));
		// a Paho sender thread of the load publisher has been seen to outlive its closed
		// client, and exec:java waits for every such thread
		System.exit(0);
	}

	private void run(int seconds, int maxRate, int outage, boolean assigned) throws Exception {
		Path work = Files.createTempDirectory("ingest-bench");
		this.mosquitto.start();
		Map<String, String> environment = new HashMap<>(Map.of("MQTT_URL", this.mosquitto.url(), "MQTT_CLIENT_ID",
				"bench-ingest", "SPOOL_DIR", work.resolve("spool").toString(), "INGEST_ADMIN_USERNAME", ADMIN,
				"INGEST_ADMIN_PASSWORD", PASSWORD));
		if (this.victoria != null) {
			if (!"paced".equals(System.getProperty("bench.phases"))) {
				throw new IllegalArgumentException("-Dbench.store=victoria-metrics is for -Dbench.phases=paced");
			}
			this.victoria.start();
			environment.putAll(Map.of("INFLUX_API", "v2", "INFLUX_URL", this.victoria.url(), "INFLUX_ORG", "vitals",
					"INFLUX_BUCKET", "vitals", "INFLUX_TOKEN", "unused-by-victoria-metrics"));
		}
		else {
			this.influx.start();
			this.influx.createDatabase("bench");
			environment.putAll(Map.of("INFLUX_API", "v1", "INFLUX_URL", this.influx.url(), "INFLUX_DATABASE", "bench"));
		}
		// more settings of the ingest for an experiment:
		// -Dbench.env=NAME=value,NAME=value
		environment.putAll(Alternation.settings("bench.env"));
		this.environment = Map.copyOf(environment);
		String jar = System.getProperty("bench.jar");
		this.ingest = (jar != null) ? new IngestProcess(Path.of(jar), IngestProcess.JVM_OPTIONS, this.environment,
				work.resolve("ingest.log")) : new IngestProcess(this.environment, work.resolve("ingest.log"));
		this.ingest.start();
		try (LoadPublisher publisher = new LoadPublisher(this.mosquitto.url(), 4, DEVICES);
				BrokerStatistics broker = new BrokerStatistics(this.mosquitto.url())) {
			this.publisher = publisher;
			this.broker = broker;
			this.ledger = (this.victoria != null) ? Ledger.of(this.victoria, broker, publisher)
					: new Ledger(this.influx, broker, publisher);
			if (Boolean.getBoolean("bench.trace")) {
				trace();
			}
			if (assigned) {
				publisher.admitAll(Instant.now());
			}
			phase("warm-up 2,000 msg/s", publisher::run, 2000, 10, false);
			this.rows.clear();
			String phases = System.getProperty("bench.phases", "all");
			if ("outage".equals(phases)) {
				// the outage phase alone: -Dbench.phases=outage
				outage(publisher, outage);
				return;
			}
			if ("overload".equals(phases)) {
				// the overloaded phases and the outage after them:
				// -Dbench.phases=overload
				phase("20,000 msg/s", publisher::run, 20000, seconds, true);
				phase("max (offered " + maxRate + " msg/s)", publisher::run, maxRate, seconds, true);
				outage(publisher, outage);
				return;
			}
			if ("paced".equals(phases)) {
				// 20,000 msg/s from the pipelined publisher alone: -Dbench.phases=paced,
				// repeated with -Dbench.pacedRuns (the first one on a JIT still warming
				// up)
				if (Alternation.requested()) {
					// A B B A against another jar: -Dbench.baseline=<jar>
					Alternation.run(work, this.environment, (next) -> restart(next, publisher),
							(build) -> paced(20000, seconds, ", " + build));
					return;
				}
				for (int run = 0; run < Integer.getInteger("bench.pacedRuns", 1); run++) {
					for (String rate : System.getProperty("bench.pacedRates", "20000").split(",")) {
						paced(Integer.parseInt(rate.strip()), seconds, "");
					}
				}
				return;
			}
			if (phases.matches("\\d+")) {
				// one rate phase alone (profiling): -Dbench.phases=20000
				phase(phases + " msg/s", publisher::run, Integer.parseInt(phases), seconds, true);
				return;
			}
			drain(work, assigned, publisher);
			if ("drain".equals(phases)) {
				return;
			}
			phase("1,000 msg/s", publisher::run, 1000, seconds, true);
			phase("5,000 msg/s", publisher::run, 5000, seconds, true);
			alarmLatency(publisher);
			paced(20000, seconds, "");
			phase("20,000 msg/s", publisher::run, 20000, seconds, true);
			phase("max (offered " + maxRate + " msg/s)", publisher::run, maxRate, seconds, true);
			outage(publisher, outage);
		}
		finally {
			this.ingest.close();
			if (this.victoria != null) {
				this.victoria.close();
			}
			else {
				this.influx.close();
			}
			this.mosquitto.close();
		}
		BenchmarkReport.write(
				new BenchmarkReport.Results(this.rows, this.drainRows, this.ledger.shortfalls(), this.alarmRow),
				seconds, outage, assigned);
	}

	/**
	 * The test broker saving its store every 60 s as the deployment's does (the tests'
	 * every second, under a backlog of hundreds of thousands of messages, took most of
	 * the broker's core: 15,400 instead of 19,900 msg/s in the pipelined phase), with
	 * more configuration lines for an experiment:
	 * {@code -Dbench.broker="max_inflight_messages 1024;max_queued_messages 300000"} (the
	 * deployment's, deploy/mosquitto/vitals.conf).
	 */
	private static MosquittoServer broker() {
		MosquittoServer broker = MosquittoServer.create().withConfigLine("autosave_interval 60");
		for (String line : System.getProperty("bench.broker", "").split(";")) {
			if (!line.isBlank()) {
				broker.withConfigLine(line.trim());
			}
		}
		return broker;
	}

	/** What offers a phase's load: returns the messages the broker acknowledged. */
	@FunctionalInterface
	interface Load {

		long run(int rate, int seconds) throws Exception;

	}

	private void phase(String name, Load publisher, int rate, int seconds, boolean record) throws Exception {
		System.out.println(Instant.now() + " phase " + name);
		IngestMeters.Scrape before = this.meters.scrape(this.ingest.port());
		long cpuBefore = cpuTicks();
		long start = System.nanoTime();
		Timeline timeline = (record && Boolean.getBoolean("bench.timeline")) ? timeline() : null;
		long acked = publisher.run(rate, seconds);
		double publishSeconds = (System.nanoTime() - start) / 1e9;
		this.ledger.acked(acked);
		long drained = this.ledger.awaitStored();
		if (timeline != null) {
			timeline.close();
		}
		double totalSeconds = (System.nanoTime() - start) / 1e9;
		long cpu = cpuTicks() - cpuBefore;
		IngestMeters.Scrape after = this.meters.scrape(this.ingest.port());
		Map<Double, Long> lag = IngestMeters.difference(after.lag(), before.lag());
		Map<String, Double> jvmAfter = after.jvm();
		Map<String, Double> jvmBefore = before.jvm();
		double batches = jvmAfter.get(IngestMeters.BATCHES) - jvmBefore.get(IngestMeters.BATCHES);
		System.out.printf("%s: latency buckets (s, cumulative) %s; %,.0f batches of %,.0f lines on average%n", name,
				lag, batches, (jvmAfter.get(IngestMeters.BATCH_LINES) - jvmBefore.get(IngestMeters.BATCH_LINES))
						/ Math.max(1, batches));
		System.out.printf("%s: InfluxDB write requests by duration (s, cumulative) %s; collection pauses %s%n", name,
				IngestMeters.difference(after.writes(), before.writes()),
				IngestMeters.pausesSince(after.pauses(), before.pauses()));
		String row = String.format("| %s | %,d | %,.0f | %,.0f | %s | %s | %,.0f | %s | %s | %s |", name, acked,
				acked / publishSeconds, acked * 6 / publishSeconds, IngestMeters.percentile(lag, 0.50),
				IngestMeters.percentile(lag, 0.99), cpu * 10_000.0 / Math.max(1, acked), memory("VmRSS:"),
				memory("VmHWM:"), this.ledger.lost(drained, totalSeconds));
		System.out.println(row);
		if (record) {
			this.rows.add(row);
		}
	}

	/**
	 * Sustained load beyond what the Java publisher can offer here, pipelined on raw
	 * sockets ({@link PipelinedPublisher}); its devices get clinical state in 10
	 * unrecorded seconds first.
	 */
	private void paced(int rate, int seconds, String build) throws Exception {
		awaitNoDataStorm();
		try (PipelinedPublisher paced = new PipelinedPublisher(this.mosquitto.url())) {
			paced.admit(Instant.now().minusSeconds(3600));
			Thread.sleep(2000);
			phase("warm-up of the pipelined devices", paced::run, 2000, 10, false);
			phase(String.format("%,d msg/s, pipelined publisher%s", rate, build), paced::run, rate, seconds, true);
		}
	}

	/**
	 * The load publisher's devices fall silent when its phase ends; a minute later (the
	 * no-data timeout) one tick of the clinical clock raises a no-data alarm on each of
	 * their {@value #DEVICES} beds. The paced phase measures sustained load, so it begins
	 * once that storm is over; what a storm costs at 20,000 msg/s is in
	 * docs/benchmarks.md (fifteenth round).
	 */
	private void awaitNoDataStorm() throws InterruptedException {
		long ended = this.publisher.lastEnded();
		long wait = (ended == 0) ? 0 : ended + TimeUnit.SECONDS.toNanos(NO_DATA_STORM_OVER) - System.nanoTime();
		if (wait > 0) {
			System.out.printf("%s waiting %.0f s for the no-data alarms of the load publisher's silent devices%n",
					Instant.now(), wait / 1e9);
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/**
	 * The drain phase: the same burst to a plain C subscriber and to the ingest, in this
	 * run, on this broker.
	 */
	private void drain(Path work, boolean assigned, LoadPublisher publisher) throws Exception {
		DrainPhase drain = new DrainPhase(this.mosquitto.url(), this.mosquitto.pid(), work);
		if (assigned) {
			drain.admit(Instant.now().minusSeconds(3600));
			Thread.sleep(2000);
		}
		double reference = drain.reference();
		this.referenceBroker = drain.brokerMicrosPerMessage();
		if (!Alternation.requested()) {
			this.drainRows.add(drainRow("this build", drain, reference));
			return;
		}
		Alternation.run(work, this.environment, (next) -> restart(next, publisher),
				(build) -> this.drainRows.add(drainRow(build, drain, reference)));
	}

	/**
	 * Replaces the ingest process by another (build or flags), same session, and warms it
	 * as the first one was: every patient then has clinical state (a fresh process has
	 * the assignments only, and a heap with far less live data than a ward's).
	 */
	private void restart(IngestProcess next, LoadPublisher publisher) throws Exception {
		this.ingest.close();
		this.ingest = next;
		this.ingest.start();
		phase("warm-up 2,000 msg/s", publisher::run, 2000, 10, false);
	}

	/**
	 * {@link #WARM_BURSTS} bursts to warm the JIT, then the burst that counts. In the
	 * first burst after the warm-up phase C2 still takes 10-40 % of the ingest's CPU, and
	 * 5-15 % in the second (per-thread CPU, ninth round of docs/benchmarks.md): a measure
	 * of the compiler's progress more than of the build.
	 */
	private String drainRow(String build, DrainPhase drain, double reference) throws Exception {
		for (int burst = 0; burst < WARM_BURSTS; burst++) {
			drain.ingest(this.ingest.pid(), this.ledger::pointsWritten, this.ledger::countSince);
		}
		long cpuBefore = cpuTicks();
		Map<String, Double> jvmBefore = this.meters.scrape(this.ingest.port()).jvm();
		double seconds = drain.ingest(this.ingest.pid(), this.ledger::pointsWritten, this.ledger::countSince);
		long cpu = cpuTicks() - cpuBefore;
		Map<String, Double> jvmAfter = this.meters.scrape(this.ingest.port()).jvm();
		this.ledger.settle();
		double subscriberRate = DrainPhase.MESSAGES / reference;
		double ingestRate = DrainPhase.MESSAGES / seconds;
		String row = String.format(
				"| %,d messages queued | %s | %,.0f msg/s (%.1f s) | %,.0f msg/s (%.1f s) | %.2f | %,.0f | %,.0f / %,.0f | %.1f KB | %.1f µs | %s |",
				DrainPhase.MESSAGES, build, subscriberRate, reference, ingestRate, seconds, ingestRate / subscriberRate,
				cpu * 10_000.0 / DrainPhase.MESSAGES, this.referenceBroker, drain.brokerMicrosPerMessage(),
				(jvmAfter.get(IngestMeters.ALLOCATED) - jvmBefore.get(IngestMeters.ALLOCATED)) / 1024
						/ DrainPhase.MESSAGES,
				(jvmAfter.get(IngestMeters.GC_PAUSES) - jvmBefore.get(IngestMeters.GC_PAUSES)) * 1e6
						/ DrainPhase.MESSAGES,
				memory("VmHWM:"));
		System.out.println(row);
		return row;
	}

	/** Alarm detection latency while 5,000 msg/s of other devices' data flows. */
	private void alarmLatency(LoadPublisher publisher) throws Exception {
		admit(AlarmLatencyProbe.DEVICE, "p-bench", AlarmLatencyProbe.WARD, AlarmLatencyProbe.BED);
		Thread.sleep(2000);
		AlarmLatencyProbe probe = new AlarmLatencyProbe(this.mosquitto.url());
		long[] latency = { -1 };
		Thread measure = new Thread(() -> {
			try {
				latency[0] = probe.measure(10);
			}
			catch (Exception ex) {
				ex.printStackTrace();
			}
		});
		measure.start();
		long acked = publisher.run(5000, AlarmLatencyProbe.DELAY_SECONDS + 20);
		measure.join();
		this.ledger.acked(acked);
		this.ledger.awaitStored();
		this.alarmRow = String.format(
				"SpO2 80 %% (high-priority limit < 85 %%, delay %d s) under %,d msg/s of background load: "
						+ "alarm state on MQTT %s ms after the reading that completed the delay.",
				AlarmLatencyProbe.DELAY_SECONDS, 5000, (latency[0] >= 0) ? Long.toString(latency[0]) : "NOT RAISED");
		System.out.println(this.alarmRow);
	}

	private void admit(String device, String patient, String ward, String bed) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.ingest.port() + "/api/assignments/" + device))
			.header("Content-Type", "application/json")
			.header("Authorization", basic())
			.PUT(HttpRequest.BodyPublishers
				.ofString("{\"patient\":\"" + patient + "\",\"ward\":\"" + ward + "\",\"bed\":\"" + bed + "\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("admission failed: " + response.statusCode() + " " + response.body());
		}
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private void outage(LoadPublisher publisher, int outage) throws Exception {
		System.out.println(Instant.now() + " phase outage");
		this.influx.stop();
		long acked = publisher.run(5000, outage);
		this.ledger.acked(acked);
		long restart = System.nanoTime();
		this.influx.start();
		long drained = this.ledger.awaitStored();
		double catchUp = (System.nanoTime() - restart) / 1e9;
		String row = String.format(
				"| InfluxDB down %d s at 5,000 msg/s | %,d | catch-up %.1f s | | | | | %s | %s | %s |", outage, acked,
				catchUp, memory("VmRSS:"), memory("VmHWM:"), this.ledger.lost(drained, catchUp));
		System.out.println(row);
		this.rows.add(row);
	}

	/** Prints the broker's counters every 10 s (-Dbench.trace=true). */
	private void trace() {
		Thread tracer = new Thread(() -> {
			while (true) {
				System.out.println(Instant.now() + " trace: broker holds " + this.broker.stored() + ", dropped "
						+ this.broker.dropped());
				try {
					Thread.sleep(10_000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		tracer.setDaemon(true);
		tracer.start();
	}

	/** The phase second by second: {@code -Dbench.timeline=true}. */
	private Timeline timeline() throws IOException, InterruptedException {
		Map<String, Long> pids = new LinkedHashMap<>();
		pids.put("ingest", this.ingest.pid());
		pids.put("broker", this.mosquitto.pid());
		if (this.victoria != null) {
			pids.put("victoria", this.victoria.pid());
		}
		else {
			pids.put("influxd", this.influx.pid());
		}
		pids.put("load", ProcessHandle.current().pid());
		return new Timeline(this.meters, this.ingest.port(), pids);
	}

	private long cpuTicks() throws IOException {
		return DrainPhase.cpuTicks(this.ingest.pid());
	}

	/** Resident memory now (VmRSS) or its peak since the JVM started (VmHWM), in MB. */
	private String memory(String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.ingest.pid()), "status"))) {
			if (line.startsWith(field)) {
				return (Long.parseLong(line.replaceAll("\\D", "")) / 1024) + " MB";
			}
		}
		return "?";
	}

}
