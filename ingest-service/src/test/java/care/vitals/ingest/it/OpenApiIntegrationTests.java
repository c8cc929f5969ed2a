package care.vitals.ingest.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

import care.vitals.ingest.security.AccountStore;
import care.vitals.ingest.security.Accounts;
import care.vitals.ingest.security.Role;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the OpenAPI document of the real ingest: only someone logged in reads it (a
 * nurse does, anonymous is 401), it describes the REST API (and not the station's pages)
 * with both ways of calling (basic and session), and every operation names the role the
 * security rules ask for it, checked against the real service for a sample.
 */
class OpenApiIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path dir;

	@Test
	void theDocumentDescribesTheApiItsSecurityAndTheRoleOfEveryOperation() throws Exception {
		influx.createDatabase("openapi");
		Path file = this.dir.resolve("accounts.json");
		new Accounts(new AccountStore(file), PasswordEncoderFactories.createDelegatingPasswordEncoder(),
				Clock.systemUTC())
			.add("nurse.eve", "eve-ward-password-55", EnumSet.of(Role.NURSE));
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-openapi", influx.url(), "openapi",
				this.dir.resolve("spool"));
		properties.put("ingest.accounts.file", file.toString());
		try (RunningIngest ingest = RunningIngest.start(properties)) {
			assertThat(get(ingest, "/v3/api-docs", null).statusCode()).as("anonymous").isEqualTo(401);
			HttpResponse<String> response = get(ingest, "/v3/api-docs", "nurse.eve:eve-ward-password-55");
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode api = JsonMapper.builder().build().readTree(response.body());
			JsonNode paths = api.path("paths");
			assertThat(paths.propertyNames())
				.contains("/api/assignments", "/api/assignments/{deviceId}", "/api/alarms",
						"/api/alarms/{alarmId}/acknowledge", "/api/patients/{patient}/news2",
						"/api/patients/{patient}/observations", "/api/patients/{patient}/thresholds/{parameter}",
						"/api/patients/{patient}/spo2-scale", "/api/patients/{patient}/settings",
						"/api/patients/{patient}/activity")
				.allMatch((path) -> path.startsWith("/api/"));
			assertThat(api.path("components").path("securitySchemes").path("basic").path("scheme").asString())
				.isEqualTo("basic");
			assertThat(api.path("components").path("securitySchemes").path("session").path("in").asString())
				.isEqualTo("cookie");
			assertThat(role(paths, "/api/alarms", "get")).isEqualTo("nurse");
			assertThat(role(paths, "/api/patients/{patient}/activity", "get")).isEqualTo("nurse");
			assertThat(role(paths, "/api/alarms/{alarmId}/acknowledge", "post")).isEqualTo("nurse");
			assertThat(role(paths, "/api/patients/{patient}/observations", "post")).isEqualTo("nurse");
			assertThat(role(paths, "/api/assignments", "put")).isEqualTo("charge-nurse");
			assertThat(role(paths, "/api/assignments/{deviceId}", "delete")).isEqualTo("charge-nurse");
			assertThat(role(paths, "/api/patients/{patient}/thresholds/{parameter}", "put")).isEqualTo("charge-nurse");
			assertThat(paths.path("/api/assignments").path("put").path("description").asString())
				.contains("Requires the role `charge-nurse`");
			// what the document says is what the service does: the nurse may read, not
			// discharge
			assertThat(get(ingest, "/api/alarms", "nurse.eve:eve-ward-password-55").statusCode()).isEqualTo(200);
			assertThat(call(ingest, "DELETE", "/api/assignments/mon-x", "nurse.eve:eve-ward-password-55").statusCode())
				.isEqualTo(403);
			assertThat(get(ingest, "/swagger-ui/index.html", "nurse.eve:eve-ward-password-55").statusCode())
				.isEqualTo(200);
		}
	}

	private static String role(JsonNode paths, String path, String method) {
		return paths.path(path).path(method).path("x-required-role").asString();
	}

	private static HttpResponse<String> get(RunningIngest ingest, String path, String credentials) throws Exception {
		return call(ingest, "GET", path, credentials);
	}

	private static HttpResponse<String> call(RunningIngest ingest, String method, String path, String credentials)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
