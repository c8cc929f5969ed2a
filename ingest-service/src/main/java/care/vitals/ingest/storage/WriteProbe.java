package care.vitals.ingest.storage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Tells whether InfluxDB refuses writes to a target: an empty write request, which
 * InfluxDB 1.x and 2.x check for authentication (401), permission (403) and database or
 * bucket (404) before reading the body, so nothing is written (1.x answers 204, 2.x 400
 * "writing requires points", VictoriaMetrics 204). It remembers the last write the server
 * refused for one of those reasons until a write succeeds, for servers whose empty write
 * says nothing. Found when the README's run without Docker wrote to a database that did
 * not exist: every batch was spooled while the health said UP.
 */
final class WriteProbe {

	private final HttpClient http;

	private final URI writeUri;

	private final String authorization;

	private final Duration timeout;

	private volatile String lastRefusal;

	WriteProbe(HttpClient http, URI writeUri, String authorization, Duration timeout) {
		this.http = http;
		this.writeUri = writeUri;
		this.authorization = authorization;
		this.timeout = timeout;
	}

	/** Whether an HTTP status means the server refuses this target, not a batch. */
	static boolean refusesTarget(int status) {
		return status == 401 || status == 403 || status == 404;
	}

	/** Records the outcome of a real write. */
	void written(int status, String message) {
		if (status >= 200 && status < 300) {
			this.lastRefusal = null;
		}
		else if (refusesTarget(status)) {
			this.lastRefusal = describe(status, message);
		}
	}

	String refusal() {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.writeUri)
			.timeout(this.timeout)
			.header("Content-Type", "text/plain; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.noBody());
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (refusesTarget(response.statusCode())) {
				return describe(response.statusCode(), response.body());
			}
		}
		catch (IOException ex) {
			// unreachable: the ping says so
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.lastRefusal;
	}

	private static String describe(int status, String message) {
		String text = (message != null) ? message.strip() : "";
		return "HTTP " + status + ((text.isEmpty()) ? "" : ": " + SafeText.of(text, 200));
	}

}
