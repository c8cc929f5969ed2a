package care.vitals.publisher.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that without {@code PUBLISHER_API_USERNAME}/{@code PUBLISHER_API_PASSWORD} no
 * password works: everything but the health status is refused, with problem details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = { "server.port=0",
		"publisher.mqtt.url=tcp://127.0.0.1:1", "publisher.api.username=", "publisher.api.password=" })
class ApiWithoutCredentialsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Environment environment;

	@Test
	void onlyHealthIsOpenAndNoPasswordWorks() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(503);
		for (String path : new String[] { "/api/simulations", "/api/scenarios", "/v3/api-docs", "/actuator/metrics" }) {
			for (String credentials : new String[] { null, "admin:admin", "admin:", "user:password", ":" }) {
				HttpResponse<String> response = get(path, credentials);
				assertThat(response.statusCode()).as(path + " with " + credentials).isEqualTo(401);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			}
		}
	}

	private HttpResponse<String> get(String path, String credentials) throws Exception {
		String port = this.environment.getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
