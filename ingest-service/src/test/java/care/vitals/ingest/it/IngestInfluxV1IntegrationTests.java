package care.vitals.ingest.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.ingest.spool.Spool;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that every reading published by a plain MQTT client ends up in a real InfluxDB
 * 1.x through the {@code /write} API, exactly as sent, whatever fails on the way.
 */
class IngestInfluxV1IntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	private final Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

	@Test
	void storesExactlyWhatWasPublishedInBothFormats() throws Exception {
		influx.createDatabase("formats");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-formats", influx.url(), "formats", this.spool));
				TestDevice json = new TestDevice(mosquitto.url(), "mon-json");
				TestDevice senml = new TestDevice(mosquitto.url(), "mon-senml")) {
			int n = 1000;
			for (int seq = 0; seq < n; seq++) {
				json.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				senml.publishMeasurement(TestDevice.senml(seq, this.base, "mon-senml"), null);
			}
			awaitCount("formats", "mon-json", n);
			awaitCount("formats", "mon-senml", n);
			long expectedHeartRateSum = 0;
			for (int seq = 0; seq < n; seq++) {
				expectedHeartRateSum += 60 + seq % 40;
			}
			for (String device : new String[] { "mon-json", "mon-senml" }) {
				String sums = influx.query("formats", "SELECT sum(heart_rate), sum(spo2), sum(systolic_bp) FROM vitals "
						+ "WHERE device='" + device + "' AND patient='unassigned'");
				assertThat(sums).contains("[\"1970-01-01T00:00:00Z\"," + expectedHeartRateSum + ",");
				assertThat(sums).contains("," + (121 * n) + "]");
			}
		}
	}

	@Test
	void losesNothingWhenInfluxDbIsDownForThirtySeconds() throws Exception {
		influx.createDatabase("outage");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-outage", influx.url(), "outage", this.spool));
				TestDevice device = new TestDevice(mosquitto.url(), "mon-outage")) {
			int n = 3000;
			for (int seq = 0; seq < n; seq++) {
				if (seq == 1000) {
					influx.stop();
				}
				device.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				if (seq == 2000) {
					Thread.sleep(Duration.ofSeconds(30).toMillis());
					influx.start();
				}
			}
			awaitCount("outage", "mon-outage", n);
		}
	}

	@Test
	void stopsAcknowledgingWhenTheSpoolIsFullAndLosesNothing() throws Exception {
		influx.createDatabase("full");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-full", influx.url(), "full",
				this.spool);
		properties.put("ingest.spool.budget", "4KB");
		properties.put("ingest.batch.max-lines", "100");
		try (RunningIngest ingest = RunningIngest.start(properties);
				TestDevice device = new TestDevice(mosquitto.url(), "mon-full")) {
			influx.stop();
			int n = 2000;
			for (int seq = 0; seq < n; seq++) {
				device.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
			}
			IngestMetrics metrics = ingest.bean(IngestMetrics.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(counter(metrics, "ingest.spool.full")).isPositive());
			double ackedWhileDown = counter(metrics, "ingest.messages.acked");
			assertThat(ackedWhileDown).as("acknowledged while InfluxDB was down and the spool full").isLessThan(n);
			assertThat(ingest.bean(Spool.class).bytes()).isLessThanOrEqualTo(4096);
			influx.start();
			awaitCount("full", "mon-full", n);
		}
	}

	private static double counter(IngestMetrics metrics, String name) {
		return metrics.registry().get(name).counter().count();
	}

	private static void awaitCount(String database, String device, long expected) {
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(
					influx.count(database, "SELECT count(heart_rate) FROM vitals WHERE device='" + device + "'"))
				.isEqualTo(expected));
	}

}
