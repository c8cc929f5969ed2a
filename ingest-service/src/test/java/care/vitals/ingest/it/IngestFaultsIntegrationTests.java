package care.vitals.ingest.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that nothing acknowledged is lost when a part of the system dies mid-stream:
 * the ingest itself (SIGKILL), the broker, or one of two ingest instances sharing the
 * load. Devices are plain MQTT clients that retry until the broker acknowledges.
 */
class IngestFaultsIntegrationTests {

	/** Logs every packet, so that a failure shows where a message stopped. */
	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create().withConfigLine("log_type all");

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	/** Kept when a test fails: the ingest processes' logs are in it. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path dir;

	private final Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

	@Test
	void losesNothingWhenTheIngestIsKilledMidStreamAndRestarted() throws Exception {
		influx.createDatabase("killed");
		Map<String, String> env = Map.of("MQTT_URL", mosquitto.url(), "MQTT_CLIENT_ID", "ingest-killed", "INFLUX_API",
				"v1", "INFLUX_URL", influx.url(), "INFLUX_DATABASE", "killed", "SPOOL_DIR",
				this.dir.resolve("spool").toString());
		try (IngestProcess ingest = new IngestProcess(env, this.dir.resolve("ingest.log"));
				TestDevice device = new TestDevice(mosquitto.url(), "mon-killed")) {
			ingest.start();
			int n = 4000;
			for (int seq = 0; seq < n; seq++) {
				device.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				if (seq == 2000) {
					ingest.kill();
				}
				if (seq == 3000) {
					ingest.start();
				}
			}
			awaitCount("killed", "mon-killed", n);
		}
	}

	@Test
	void losesNothingWhenTheBrokerRestartsMidStream() throws Exception {
		influx.createDatabase("broker");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-broker", influx.url(), "broker", this.dir));
				TestDevice device = new TestDevice(mosquitto.url(), "mon-broker")) {
			int n = 3000;
			for (int seq = 0; seq < n; seq++) {
				device.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				if (seq == 1500) {
					mosquitto.restart();
				}
			}
			// Reconnecting takes a second or two. Paho used to stall for ~95 s here when
			// the writer acknowledged while disconnected (see DeviceMessagesAdapter).
			awaitCount("broker", "mon-broker", n, Duration.ofSeconds(30));
		}
	}

	@Test
	void twoInstancesOnASharedSubscriptionSplitTheLoadAndLoseNothingWhenOneIsKilled() throws Exception {
		influx.createDatabase("shared");
		Map<String, Object> first = RunningIngest.v1(mosquitto.url(), "ingest-a", influx.url(), "shared",
				this.dir.resolve("a"));
		first.put("ingest.mqtt.shared-group", "ingest");
		Map<String, String> second = Map.of("MQTT_URL", mosquitto.url(), "MQTT_CLIENT_ID", "ingest-b",
				"MQTT_SHARED_GROUP", "ingest", "INFLUX_API", "v1", "INFLUX_URL", influx.url(), "INFLUX_DATABASE",
				"shared", "SPOOL_DIR", this.dir.resolve("b").toString());
		int n = 2000;
		try (RunningIngest a = RunningIngest.start(first);
				IngestProcess b = new IngestProcess(second, this.dir.resolve("b.log"));
				TestDevice one = new TestDevice(mosquitto.url(), "shared-1");
				TestDevice two = new TestDevice(mosquitto.url(), "shared-2")) {
			b.start();
			for (int seq = 0; seq < n; seq++) {
				one.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				two.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				if (seq == 1000) {
					b.kill();
				}
				if (seq == 1500) {
					b.start();
				}
			}
			awaitCount("shared", "shared-1", n);
			awaitCount("shared", "shared-2", n);
			double receivedByA = a.bean(IngestMetrics.class)
				.registry()
				.get("ingest.messages.received")
				.tag("kind", "measurements")
				.counter()
				.count();
			assertThat(receivedByA).as("messages instance A took").isGreaterThan(0).isLessThan(2 * n);
		}
	}

	private void awaitCount(String database, String device, long expected) {
		awaitCount(database, device, expected, Duration.ofSeconds(120));
	}

	private void awaitCount(String database, String device, long expected, Duration atMost) {
		try {
			await().atMost(atMost)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> influx.count(database,
						"SELECT count(heart_rate) FROM vitals WHERE device='" + device + "'") == expected);
		}
		catch (ConditionTimeoutException ex) {
			keepBrokerLog();
			throw new AssertionError("Readings of " + device + " missing after " + atMost + ": sequence numbers "
					+ StoredReadings.missing(influx, database, device, this.base, expected) + "; logs kept in "
					+ this.dir, ex);
		}
	}

	private void keepBrokerLog() {
		try {
			Files.copy(mosquitto.logFile(), this.dir.resolve("mosquitto.log"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			// the assertion error matters more
		}
	}

}
