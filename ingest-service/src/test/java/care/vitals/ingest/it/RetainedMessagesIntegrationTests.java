package care.vitals.ingest.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies, against a real Mosquitto 2 and InfluxDB 1.x, that a retained measurement or
 * event is never ingested from the broker's retained store (neither at the first
 * subscription nor on every resubscription after a restart), while a retained publication
 * made while the ingest runs arrives once, live, and the retained status (the device's
 * state and Last Will) still arrives on subscribing. Mosquitto's ACL cannot refuse
 * retained readings, so this is the ingest's own guarantee.
 */
class RetainedMessagesIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void neverIngestsARetainedMeasurementOrEventFromTheRetainedStore() throws Exception {
		influx.createDatabase("retained");
		Instant base = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-retained", influx.url(), "retained",
				this.spool);
		try (TestDevice device = new TestDevice(mosquitto.url(), "ret-dev")) {
			// before the ingest ever subscribed: only the broker's retained store has
			// these
			device.publishRetained("devices/ret-dev/measurements",
					bytes("{\"ts\":\"" + base + "\",\"values\":{\"heart_rate\":71}}"));
			device.publishRetained("devices/ret-dev/events", bytes("{\"kind\":\"button\",\"ts\":\"" + base + "\"}"));
			device.publishRetained("devices/ret-dev/status",
					bytes("{\"online\":true,\"battery\":77,\"ts\":\"" + base + "\"}"));

			try (RunningIngest ingest = RunningIngest.start(properties)) {
				// the retained status arrives on subscribing (the positive control)
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(
							influx.count("retained", "SELECT count(battery) FROM device_status WHERE device='ret-dev'"))
						.isEqualTo(1));
				// a live measurement after it: once it is stored, anything delivered
				// before it would be too
				device.publishMeasurement("{\"ts\":\"" + base.plusSeconds(1) + "\",\"values\":{\"heart_rate\":72}}",
						null);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(
							influx.count("retained", "SELECT count(heart_rate) FROM vitals WHERE device='ret-dev'"))
						.isEqualTo(1));
				assertThat(influx.query("retained", "SELECT heart_rate FROM vitals WHERE device='ret-dev'"))
					.contains("72")
					.doesNotContain("71");
				assertThat(influx.count("retained", "SELECT count(message) FROM device_events")).isZero();

				// a retained publication while the ingest runs is a new reading: stored
				// once
				device.publishRetained("devices/ret-dev/measurements",
						bytes("{\"ts\":\"" + base.plusSeconds(2) + "\",\"values\":{\"heart_rate\":73}}"));
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(
							influx.count("retained", "SELECT count(heart_rate) FROM vitals WHERE device='ret-dev'"))
						.isEqualTo(2));
			}

			// restarted on its persistent session: it resubscribes, and the retained
			// reading (heart rate 73) must not come back
			try (RunningIngest ingest = RunningIngest.start(properties)) {
				device.publishMeasurement("{\"ts\":\"" + base.plusSeconds(3) + "\",\"values\":{\"heart_rate\":74}}",
						null);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(
							influx.count("retained", "SELECT count(heart_rate) FROM vitals WHERE device='ret-dev'"))
						.isEqualTo(3));
				MeterRegistry registry = ingest.bean(MeterRegistry.class);
				assertThat(registry.get("ingest.messages.received").tag("kind", "measurements").counter().count())
					.as("measurements received after the restart")
					.isEqualTo(1.0);
				assertThat(registry.find("ingest.messages.received").tag("kind", "events").counter()).isNull();
			}
			assertThat(influx.count("retained", "SELECT count(size) FROM rejected")).isZero();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
