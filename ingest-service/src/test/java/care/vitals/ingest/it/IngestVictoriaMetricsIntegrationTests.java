package care.vitals.ingest.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import care.vitals.testsupport.MosquittoServer;
import care.vitals.testsupport.VictoriaMetricsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the {@code INFLUX_API=v2} path: influxdb-client-java's blocking writes to
 * {@code /api/v2/write} of a real server (VictoriaMetrics), with the same batching, spool
 * and exactly-N-stored guarantee as the v1 path.
 */
class IngestVictoriaMetricsIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final VictoriaMetricsServer victoria = VictoriaMetricsServer.create();

	@TempDir
	Path spool;

	private final Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

	@Test
	void storesExactlyWhatWasPublishedInBothFormatsThroughTheV2Api() throws Exception {
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v2(mosquitto.url(), "ingest-v2", victoria.url(), this.spool));
				TestDevice json = new TestDevice(mosquitto.url(), "v2-json");
				TestDevice senml = new TestDevice(mosquitto.url(), "v2-senml")) {
			int n = 1000;
			for (int seq = 0; seq < n; seq++) {
				json.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				senml.publishMeasurement(TestDevice.senml(seq, this.base, "v2-senml"), "application/senml+json");
			}
			awaitSamples("v2-json", n);
			awaitSamples("v2-senml", n);
			assertThat(victoria.export("vitals_systolic_bp{device=\"v2-senml\"}")).contains("\"values\":[121,121");
			// the health's empty v2 write is accepted (204), not taken for a refusal
			String credentials = java.util.Base64.getEncoder()
				.encodeToString("nurse-1:correct-horse-battery".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://127.0.0.1:" + ingest.port() + "/actuator/health"))
					.header("Authorization", "Basic " + credentials)
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(health.body()).containsPattern("\"influx\":\\{\"details\":\\{[^}]*\\},\"status\":\"UP\"");
			// VictoriaMetrics has no InfluxQL: the audit trail says it cannot be read
			// (503),
			// never an empty trail as if nothing had happened
			java.net.http.HttpResponse<String> trail = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(
							java.net.URI.create("http://127.0.0.1:" + ingest.port() + "/api/patients/p-v2/activity"))
					.header("Authorization", "Basic " + credentials)
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(trail.statusCode()).as(trail.body()).isEqualTo(503);
			assertThat(trail.body()).contains("The audit trail cannot be read");
		}
	}

	@Test
	void losesNothingWhenTheV2ServerIsDownForTenSeconds() throws Exception {
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v2(mosquitto.url(), "ingest-v2-outage", victoria.url(), this.spool));
				TestDevice device = new TestDevice(mosquitto.url(), "v2-outage")) {
			int n = 1500;
			for (int seq = 0; seq < n; seq++) {
				if (seq == 500) {
					victoria.stop();
				}
				device.publishMeasurement(TestDevice.compact(seq, this.base), "application/json");
				if (seq == 1000) {
					Thread.sleep(10_000);
					victoria.start();
				}
			}
			awaitSamples("v2-outage", n);
		}
	}

	private static void awaitSamples(String device, long expected) {
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(victoria.countSamples("vitals_heart_rate{device=\"" + device + "\"}"))
				.isEqualTo(expected));
	}

}
