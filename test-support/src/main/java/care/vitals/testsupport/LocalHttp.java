package care.vitals.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain HTTP/1.1 calls to a local server with {@link HttpClient}. A new client is used
 * after every server start so that no pooled connection to the previous process is
 * reused.
 */
final class LocalHttp {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private volatile HttpClient client = newClient();

	/**
	 * Drops pooled connections; call after the server restarted.
	 */
	void reset() {
		this.client = newClient();
	}

	/**
	 * Sends a request and returns the response, whatever its status.
	 * @param request the request
	 * @return the response with a string body
	 * @throws UncheckedIOException if the server cannot be reached, e.g. a
	 * {@link java.net.ConnectException} when it is stopped
	 */
	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.timeout(REQUEST_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getClass().getSimpleName() + " calling " + request.build().uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Sends a request and returns the body if the status is 2xx.
	 * @param request the request
	 * @return the body
	 * @throws IllegalStateException with status and body on any other status
	 */
	String exchange(HttpRequest.Builder request) {
		HttpResponse<String> response = send(request);
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(response.request().method() + " " + response.uri() + " returned HTTP "
					+ response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * Returns whether a GET returns the expected status; {@code false} on any I/O error.
	 * @param uri the URI to probe
	 * @param expectedStatus the status that means ready
	 * @return whether the probe succeeded
	 */
	boolean probe(URI uri, int expectedStatus) {
		try {
			return this.client
				.send(HttpRequest.newBuilder(uri).timeout(CONNECT_TIMEOUT).GET().build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == expectedStatus;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Builds a URI with URL-encoded query parameters.
	 * @param base e.g. {@code http://127.0.0.1:8086/query}
	 * @param parameters names and values, in order
	 * @return the URI
	 */
	static URI uri(String base, Map<String, String> parameters) {
		if (parameters.isEmpty()) {
			return URI.create(base);
		}
		return URI.create(base + "?"
				+ parameters.entrySet()
					.stream()
					.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
					.collect(Collectors.joining("&")));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static HttpClient newClient() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
	}

}
