package care.vitals.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import care.vitals.ingest.it.IngestProcess;

/**
 * The "drain" phase of issue #16: a burst of {@value #MESSAGES} compact-JSON messages (6
 * vitals) published at QoS 1 by {@value #PUBLISHERS} {@code mosquitto_pub} processes
 * while the subscriber is stopped (SIGSTOP: connected, warm, not reading), so the broker
 * queues it; then the time to take the whole backlog once the subscriber runs again.
 * First a plain C subscriber ({@code mosquitto_sub -q 1}) on a topic the ingest does not
 * consume, as the reference of what the broker delivers on this machine; then the ingest
 * on the devices' measurement topics, timed until InfluxDB counts every message. (Timing
 * the publishers' burst itself measured {@code mosquitto_pub}: at QoS 1 it sends about
 * 3,000 msg/s each here.) Each publisher is one device, admitted to its own patient
 * beforehand, so every reading is also scored.
 */
final class DrainPhase {

	static final int MESSAGES = 200_000;

	static final int PUBLISHERS = 8;

	/** Device time between two messages of one device: a burst spans 2.5 s. */
	static final long SPACING_NANOS = 100_000;

	/** The earliest device time of the next burst. */
	private Instant next = Instant.EPOCH;

	private final MosquittoCommands commands;

	private final Path work;

	/** The broker's process: its CPU during a drain. */
	private final long broker;

	/** The broker's CPU (clock ticks) during the last drain, from SIGCONT to the end. */
	private long brokerTicks;

	DrainPhase(String brokerUrl, long broker, Path work) {
		this.commands = new MosquittoCommands(brokerUrl);
		this.broker = broker;
		this.work = work;
	}

	/** The broker's CPU during the last drain, in µs per message. */
	double brokerMicrosPerMessage() {
		return this.brokerTicks * 10_000.0 / MESSAGES;
	}

	static String deviceId(int publisher) {
		return "drain-" + publisher;
	}

	/** Admits each publisher's device to its own patient (a retained assignment). */
	void admit(Instant since) throws IOException, InterruptedException {
		this.commands.admit("drain-", PUBLISHERS, "ward-drain", since);
	}

	/**
	 * Seconds a plain subscriber takes to receive the whole burst, queued at the broker
	 * while the subscriber was stopped (SIGSTOP), from its SIGCONT.
	 */
	double reference() throws IOException, InterruptedException {
		Process subscriber = new ProcessBuilder(this.commands.command("mosquitto_sub", "-q", "1", "-t",
				"drain-reference/+/measurements", "-C", Integer.toString(MESSAGES)))
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		Thread.sleep(1000);
		IngestProcess.signal("STOP", subscriber.pid());
		queue("drain-reference/%s/measurements");
		long brokerBefore = cpuTicks(this.broker);
		long start = System.nanoTime();
		IngestProcess.signal("CONT", subscriber.pid());
		if (!subscriber.waitFor(600, TimeUnit.SECONDS)) {
			subscriber.destroyForcibly();
			throw new IllegalStateException("mosquitto_sub did not receive every message within 10 minutes");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		this.brokerTicks = cpuTicks(this.broker) - brokerBefore;
		return seconds;
	}

	/**
	 * Seconds the ingest takes to store the whole burst, queued at the broker while the
	 * ingest was stopped (SIGSTOP), from its SIGCONT until InfluxDB counts every message.
	 * Counting is not free: InfluxDB 1.6 copies a series' whole in-memory cache for every
	 * query, so one count of a burst costs it 20-50 ms of CPU (measured), which polled
	 * every 100 ms would take a fifth of this machine from the ingest. So the burst is
	 * counted only once InfluxDB's own counter of points written (0.5 ms to read) says
	 * enough points arrived for it to be complete.
	 * @param pid the ingest's process
	 * @param written points InfluxDB was asked to write since it started (any
	 * measurement)
	 * @param stored points of the burst counted in InfluxDB from a time on
	 */
	double ingest(long pid, LongSupplier written, ToLongFunction<Instant> stored)
			throws IOException, InterruptedException {
		Instant from = this.next;
		awaitIdle(pid);
		IngestProcess.signal("STOP", pid);
		long before;
		long brokerBefore;
		try {
			before = written.getAsLong();
			queue("devices/%s/measurements");
		}
		finally {
			brokerBefore = cpuTicks(this.broker);
			IngestProcess.signal("CONT", pid);
		}
		long start = System.nanoTime();
		long deadline = start + TimeUnit.MINUTES.toNanos(10);
		while (written.getAsLong() - before < MESSAGES || stored.applyAsLong(from) < MESSAGES) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the ingest did not store every message within 10 minutes");
			}
			Thread.sleep(100);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		this.brokerTicks = cpuTicks(this.broker) - brokerBefore;
		return seconds;
	}

	/**
	 * Waits until the process used no CPU for 300 ms (at most 10 s): stopped in the
	 * middle of a garbage collection, its pause would count the whole stop.
	 */
	private static void awaitIdle(long pid) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		long before = cpuTicks(pid);
		while (System.nanoTime() < deadline) {
			Thread.sleep(300);
			long now = cpuTicks(pid);
			if (now == before) {
				return;
			}
			before = now;
		}
	}

	/** User and system CPU of a process, in clock ticks. */
	static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private void queue(String topic) throws IOException, InterruptedException {
		Instant from = Instant.now().minusSeconds(10);
		if (from.isBefore(this.next)) {
			from = this.next;
		}
		MosquittoCommands.awaitAll(publish(payloads(from), topic), 120);
		this.next = from.plusNanos(SPACING_NANOS * (MESSAGES / PUBLISHERS) + 1_000_000);
	}

	private List<Process> publish(List<Path> files, String topic) throws IOException {
		List<Process> publishers = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			publishers.add(new ProcessBuilder(
					this.commands.command("mosquitto_pub", "-q", "1", "-l", "-t", topic.formatted(deviceId(i))))
				.redirectInput(files.get(i).toFile())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}
		return publishers;
	}

	/**
	 * One file per publisher, one message per line; device time {@link #SPACING_NANOS}
	 * apart from {@code from}, so that every message is its own point and one burst's
	 * times follow the previous one's.
	 */
	private List<Path> payloads(Instant from) throws IOException {
		List<Path> files = new ArrayList<>();
		int each = MESSAGES / PUBLISHERS;
		for (int p = 0; p < PUBLISHERS; p++) {
			StringBuilder text = new StringBuilder(each * 170);
			for (int i = 0; i < each; i++) {
				MosquittoCommands.appendMessage(text, from.plusNanos(SPACING_NANOS * i), i);
			}
			Path file = this.work.resolve("drain-" + p + ".jsonl");
			Files.writeString(file, text, StandardCharsets.UTF_8);
			files.add(file);
		}
		return files;
	}

}
