package care.vitals.ingest.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies, against a real Mosquitto that goes away, that a clinical change the broker
 * cannot take is refused with 503 and {@code Retry-After} (nothing changed, retry), not
 * as a conflict, and that it goes through once the broker is back.
 */
class AdminApiFaultsIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void aSettingTheBrokerCannotTakeIsRefusedWith503AndRetryAfter() throws Exception {
		influx.createDatabase("apifaults");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-apifaults", influx.url(), "apifaults", this.spool))) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-81", "p-81", "ward-p", "1");
			mosquitto.stop();
			try {
				HttpResponse<String> refused = api.call("PUT", "/api/patients/p-81/spo2-scale", "{\"scale\":2}", true);
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Retry-After")).isPresent();
				assertThat(refused.body()).contains("unavailable").doesNotContain("Exception");
				assertThat(api.call("GET", "/api/patients/p-81/settings", null, true).body()).as("nothing changed")
					.contains("\"spo2Scale\":1");
			}
			finally {
				mosquitto.start();
			}
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> api.call("PUT", "/api/patients/p-81/spo2-scale", "{\"scale\":2}", true)
					.statusCode() == 200);
		}
	}

}
