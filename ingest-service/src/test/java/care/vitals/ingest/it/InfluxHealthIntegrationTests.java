package care.vitals.ingest.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies, against a real InfluxDB 1.x, that the ingest's health tells the truth when
 * InfluxDB answers but refuses every write (here: the database does not exist, HTTP 404,
 * as after the README's run without Docker before the database was created): the
 * {@code influx} component is DOWN with the server's reason while the readings are kept
 * in the spool, and UP again, with every reading stored, once the database exists.
 */
class InfluxHealthIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void influxIsDownWithTheReasonWhileTheDatabaseIsMissingAndNothingIsLost() throws Exception {
		Instant base = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-health", influx.url(), "not_created", this.spool));
				TestDevice device = new TestDevice(mosquitto.url(), "health-dev")) {
			HttpResponse<String> down = health(ingest);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(status(down.body(), "influx")).isEqualTo("DOWN");
			assertThat(down.body()).contains("refuses writes (HTTP 404").contains("database not found");

			for (int seq = 0; seq < 5; seq++) {
				device.publishMeasurement(TestDevice.compact(seq, base), "application/json");
			}
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(health(ingest).body()).containsPattern("\"batches\":[1-9]"));
			assertThat(status(health(ingest).body(), "influx")).isEqualTo("DOWN");

			influx.createDatabase("not_created");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				HttpResponse<String> up = health(ingest);
				assertThat(status(up.body(), "influx")).isEqualTo("UP");
				assertThat(up.statusCode()).isEqualTo(200);
			});
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(
						influx.count("not_created", "SELECT count(heart_rate) FROM vitals WHERE device='health-dev'"))
					.isEqualTo(5));
		}
	}

	/** The status of one health component (its details hold no "status" key). */
	private static String status(String body, String component) {
		Matcher matcher = Pattern.compile("\"" + component + "\":\\{.*?\"status\":\"(\\w+)\"", Pattern.DOTALL)
			.matcher(body);
		assertThat(matcher.find()).as(component + " in " + body).isTrue();
		return matcher.group(1);
	}

	private static HttpResponse<String> health(RunningIngest ingest) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString("nurse-1:correct-horse-battery".getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/actuator/health"))
				.header("Authorization", "Basic " + credentials)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
