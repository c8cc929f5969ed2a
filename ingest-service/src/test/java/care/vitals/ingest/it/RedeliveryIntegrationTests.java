package care.vitals.ingest.it;

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
 * Verifies the idempotency rule of docs/ingest.md, "Edge integrity", end to end against a
 * real Mosquitto 2 and InfluxDB 1.x: a reading delivered twice (a device re-sending after
 * a lost PUBACK, or replaying its buffer after an outage) is stored once, because it
 * carries the device's own time, and a reading without {@code ts} is dead-lettered as
 * {@code missing_device_time} instead of being stamped with the receive time (which would
 * store every redelivery again).
 */
class RedeliveryIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void aReadingDeliveredTwiceIsStoredOnceAndOneWithoutDeviceTimeNever() throws Exception {
		influx.createDatabase("redelivery");
		Instant ts = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-redelivery", influx.url(),
				"redelivery", this.spool);
		try (TestDevice device = new TestDevice(mosquitto.url(), "red-dev");
				RunningIngest ingest = RunningIngest.start(properties)) {
			String reading = "{\"ts\":\"" + ts + "\",\"values\":{\"heart_rate\":71}}";
			device.publishMeasurement(reading, null);
			device.publishMeasurement(reading, null);
			device.publishMeasurement("{\"values\":{\"heart_rate\":99}}", null);
			device.publishMeasurement("{\"values\":{\"heart_rate\":99}}", null);
			device.publishMeasurement("{\"ts\":\"" + ts.plusSeconds(1) + "\",\"values\":{\"heart_rate\":72}}", null);
			MeterRegistry registry = ingest.bean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(registry.get("ingest.messages.received").tag("kind", "measurements").counter().count())
					.isEqualTo(5.0);
				assertThat(influx.count("redelivery",
						"SELECT count(size) FROM rejected WHERE reason='missing_device_time'"))
					.isEqualTo(2);
				assertThat(influx.count("redelivery", "SELECT count(heart_rate) FROM vitals WHERE device='red-dev'"))
					.isEqualTo(2);
			});
			assertThat(influx.query("redelivery", "SELECT heart_rate FROM vitals WHERE device='red-dev'"))
				.contains("71", "72")
				.doesNotContain("99");
		}
	}

}
