package care.vitals.ingest.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;

/**
 * Soak run of the hardest fault scenario, for hunting rare losses: two ingest processes
 * on a shared subscription, one SIGKILLed mid-stream and restarted, two devices, every
 * reading counted. Not a test (a loop belongs outside {@code mvnw verify}); run with
 * {@code bench/faults.sh -Dsoak.runs=30}. Prints one line per run with the sequence
 * numbers missing after {@code soak.wait} seconds; the logs of both instances and every
 * broker packet of a failing run are kept and their folder printed.
 */
public final class SharedKillSoak {

	private static final int READINGS = 2000;

	private SharedKillSoak() {
	}

	public static void main(String[] args) throws Exception {
		int runs = Integer.getInteger("soak.runs", 10);
		Duration wait = Duration.ofSeconds(Integer.getInteger("soak.wait", 60));
		Path work = Files.createTempDirectory("shared-kill-soak");
		int failed = 0;
		try (MosquittoServer mosquitto = MosquittoServer.create().withConfigLine("log_type all");
				InfluxDb1Server influx = InfluxDb1Server.create()) {
			mosquitto.start();
			influx.start();
			for (int run = 1; run <= runs; run++) {
				Path dir = Files.createDirectories(work.resolve("run-" + run));
				String missing = runOnce(mosquitto, influx, run, dir, wait);
				System.out.println("run " + run + ": " + (missing.isEmpty() ? "nothing lost" : missing));
				if (missing.isEmpty()) {
					deleteRecursively(dir);
				}
				else {
					failed++;
					Files.copy(mosquitto.logFile(), dir.resolve("mosquitto.log"));
					System.out.println("  logs kept in " + dir);
				}
			}
		}
		System.out.println(runs + " runs, " + failed + " with readings missing");
		System.exit((failed == 0) ? 0 : 1);
	}

	private static String runOnce(MosquittoServer mosquitto, InfluxDb1Server influx, int run, Path dir, Duration wait)
			throws Exception {
		Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		String database = "soak" + run;
		influx.createDatabase(database);
		String[] devices = { "soak-" + run + "-a", "soak-" + run + "-b" };
		try (IngestProcess a = new IngestProcess(instance(mosquitto, influx, database, run, "a", dir),
				dir.resolve("a.log"));
				IngestProcess b = new IngestProcess(instance(mosquitto, influx, database, run, "b", dir),
						dir.resolve("b.log"));
				TestDevice one = new TestDevice(mosquitto.url(), devices[0]);
				TestDevice two = new TestDevice(mosquitto.url(), devices[1])) {
			a.start();
			b.start();
			for (int seq = 0; seq < READINGS; seq++) {
				one.publishMeasurement(TestDevice.compact(seq, base), "application/json");
				two.publishMeasurement(TestDevice.compact(seq, base), "application/json");
				if (seq == READINGS / 2) {
					b.kill();
				}
				if (seq == READINGS * 3 / 4) {
					b.start();
				}
			}
			StringBuilder missing = new StringBuilder();
			for (String device : devices) {
				Set<Long> lost = awaitAll(influx, database, device, base, wait);
				if (!lost.isEmpty()) {
					missing.append(device).append(" missing ").append(lost).append(' ');
				}
			}
			return missing.toString().trim();
		}
	}

	private static Map<String, String> instance(MosquittoServer mosquitto, InfluxDb1Server influx, String database,
			int run, String name, Path dir) {
		return Map.of("MQTT_URL", mosquitto.url(), "MQTT_CLIENT_ID", "soak-" + run + "-" + name, "MQTT_SHARED_GROUP",
				"soak" + run, "INFLUX_API", "v1", "INFLUX_URL", influx.url(), "INFLUX_DATABASE", database, "SPOOL_DIR",
				dir.resolve("spool-" + name).toString());
	}

	private static Set<Long> awaitAll(InfluxDb1Server influx, String database, String device, Instant base,
			Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		String count = "SELECT count(heart_rate) FROM vitals WHERE device='" + device + "'";
		while (System.nanoTime() < deadline && influx.count(database, count) < READINGS) {
			Thread.sleep(500);
		}
		return StoredReadings.missing(influx, database, device, base, READINGS);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (var paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
