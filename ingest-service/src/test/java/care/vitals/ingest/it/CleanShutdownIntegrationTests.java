package care.vitals.ingest.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that stopping the ingest the way systemd and Docker do (SIGTERM) while data
 * flows is clean: no ERROR and no stack trace in its log (an operator must be able to
 * trust that an ERROR means something is wrong), and what it stored before stopping is
 * there.
 */
class CleanShutdownIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path dir;

	/**
	 * With InfluxDB writable; with the database missing (everything spooled, the README's
	 * run without Docker before the database exists); and with the broker gone first (a
	 * host shutting down, {@code docker compose down} stopping EMQX before the ingest):
	 * there is nothing left to disconnect, which Spring Integration's MQTT handler used
	 * to log as an ERROR with the stack trace of Paho's "Client is disconnected (32101)".
	 */
	@ParameterizedTest
	@ValueSource(strings = { "shutdown", "shutdown_missing", "shutdown_broker_gone" })
	void aSigtermLogsNoErrorAndNoStackTrace(String database) throws Exception {
		boolean writable = !database.endsWith("missing");
		boolean brokerGone = database.endsWith("gone");
		if (writable) {
			influx.createDatabase(database);
		}
		Path log = this.dir.resolve("ingest.log");
		Files.writeString(log, "");
		Map<String, String> environment = Map.of("MQTT_URL", mosquitto.url(), "MQTT_CLIENT_ID", "ingest-" + database,
				"INFLUX_API", "v1", "INFLUX_URL", influx.url(), "INFLUX_DATABASE", database, "SPOOL_DIR",
				this.dir.resolve("spool").toString(), "INGEST_ADMIN_USERNAME", "admin", "INGEST_ADMIN_PASSWORD",
				"a-long-random-password");
		Instant base = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		IngestProcess ingest = new IngestProcess(environment, log);
		try (TestDevice device = new TestDevice(mosquitto.url(), "stop-dev-" + database.length())) {
			ingest.start();
			for (int seq = 0; seq < 50; seq++) {
				device.publishMeasurement(TestDevice.compact(seq, base), "application/json");
			}
			if (writable) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(influx.count(database,
							"SELECT count(heart_rate) FROM vitals WHERE device='stop-dev-" + database.length() + "'"))
						.isEqualTo(50));
			}
			else {
				await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("spool"));
			}
			for (int seq = 50; seq < 100; seq++) {
				device.publishMeasurement(TestDevice.compact(seq, base), "application/json");
			}
		}
		finally {
			if (brokerGone) {
				mosquitto.stop();
				Thread.sleep(3000);
			}
			ingest.close();
			if (brokerGone) {
				mosquitto.start();
			}
		}
		List<String> lines = Files.readAllLines(log);
		assertThat(lines).as("the log ends with the shutdown")
			.anyMatch((line) -> line.contains("Stopping") || line.contains("Closing") || line.contains("stopped bean"));
		assertThat(lines).as("no ERROR in the log of a clean shutdown").noneMatch((line) -> line.contains(" ERROR "));
		assertThat(lines).as("no stack trace in the log of a clean shutdown")
			.noneMatch((line) -> line.startsWith("\tat ") || line.contains("MqttException"));
		// the publisher knows whether its client is connected: it disconnects cleanly
		// while the broker is there, and only skips when the broker went first
		assertThat(lines.stream().anyMatch((line) -> line.contains("already disconnected at shutdown")))
			.as("publisher skipped its disconnect")
			.isEqualTo(brokerGone);
	}

}
