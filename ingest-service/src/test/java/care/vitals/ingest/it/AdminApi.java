package care.vitals.ingest.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.awaitility.Awaitility.await;

/**
 * The ingest's admin REST API as a ward's integration would call it, with the test
 * account {@code nurse-1} that {@link RunningIngest} configures.
 */
final class AdminApi {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	AdminApi(RunningIngest ingest) {
		this(ingest.port());
	}

	/** The API of an ingest process on a port (its environment sets the same account). */
	AdminApi(int port) {
		this.port = port;
	}

	HttpResponse<String> call(String method, String path, String body, boolean authenticated) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (authenticated) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString("nurse-1:correct-horse-battery".getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Assigns a device through the API, from now, and waits until the ingest follows it.
	 */
	void admit(String device, String patient, String ward, String bed) throws Exception {
		admit(device, patient, ward, bed, null);
	}

	/**
	 * Assigns a device through the API from {@code since} (null: now) and waits until the
	 * ingest follows it.
	 */
	void admit(String device, String patient, String ward, String bed, Instant since) throws Exception {
		String sinceField = (since != null) ? ",\"since\":\"" + since + "\"" : "";
		HttpResponse<String> response = call("PUT", "/api/assignments/" + device,
				"{\"patient\":\"" + patient + "\",\"ward\":\"" + ward + "\",\"bed\":\"" + bed + "\"" + sinceField + "}",
				true);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("admission refused: " + response.statusCode() + " " + response.body());
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> call("GET", "/api/assignments", null, true).body()
				.contains("\"" + device + "\":{\"patient\":\"" + patient + "\",\"ward\":\"" + ward + "\",\"bed\":\""
						+ bed + "\""));
	}

}
