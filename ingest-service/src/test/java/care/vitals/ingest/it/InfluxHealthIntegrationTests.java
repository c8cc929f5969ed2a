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

	/**
	 * Verifies the same for InfluxDB's own refusals of the ingest's account, with
	 * authentication on: a wrong password (HTTP 401) and a user without write permission
	 * (HTTP 403) make the {@code influx} component DOWN with that reason, while the ping
	 * still answers.
	 */
	@Test
	void influxIsDownWithTheReasonWhenInfluxDbRefusesTheAccount() throws Exception {
		try (InfluxDb1Server secured = InfluxDb1Server.createWithAuthentication("admin", "admin-secret-1")) {
			secured.start();
			secured.createDatabase("vitals");
			secured.execute("CREATE USER reader WITH PASSWORD 'reader-secret-1'");
			secured.execute("GRANT READ ON vitals TO reader");
			secured.execute("CREATE USER ingest WITH PASSWORD 'ingest-secret-1'");
			secured.execute("GRANT WRITE ON vitals TO ingest");
			String[][] accounts = { { "ingest", "wrong-password", "HTTP 401" },
					{ "reader", "reader-secret-1", "HTTP 403" }, { "ingest", "ingest-secret-1", null } };
			for (String[] account : accounts) {
				java.util.Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-" + account[0],
						secured.url(), "vitals", this.spool.resolve(account[0] + account[2]));
				properties.put("ingest.influx.username", account[0]);
				properties.put("ingest.influx.password", account[1]);
				try (RunningIngest ingest = RunningIngest.start(properties)) {
					HttpResponse<String> health = health(ingest);
					if (account[2] != null) {
						assertThat(status(health.body(), "influx")).as(account[2]).isEqualTo("DOWN");
						assertThat(health.body()).contains("refuses writes (" + account[2]);
					}
					else {
						assertThat(status(health.body(), "influx")).isEqualTo("UP");
					}
				}
			}
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
