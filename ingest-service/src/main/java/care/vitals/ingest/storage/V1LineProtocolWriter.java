package care.vitals.ingest.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Writes to the InfluxDB 1.x {@code /write} endpoint (the one Debian's InfluxDB 1.6 has),
 * gzip-compressed, with optional basic authentication.
 */
final class V1LineProtocolWriter implements LineProtocolWriter {

	private final HttpClient http;

	private final URI writeUri;

	private final URI pingUri;

	private final String authorization;

	private final Duration timeout;

	private final WriteProbe probe;

	V1LineProtocolWriter(InfluxProperties properties) {
		this.timeout = properties.timeout();
		this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
		String base = properties.url().replaceAll("/+$", "");
		StringBuilder query = new StringBuilder("precision=ns&db=").append(encode(properties.database()));
		if (hasText(properties.retentionPolicy())) {
			query.append("&rp=").append(encode(properties.retentionPolicy()));
		}
		this.writeUri = URI.create(base + "/write?" + query);
		this.pingUri = URI.create(base + "/ping");
		this.authorization = hasText(properties.username()) ? "Basic " + Base64.getEncoder()
			.encodeToString(
					(properties.username() + ":" + nullToEmpty(properties.password())).getBytes(StandardCharsets.UTF_8))
				: null;
		this.probe = new WriteProbe(this.http, this.writeUri, this.authorization, this.timeout);
	}

	@Override
	public WriteOutcome write(Batch batch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.writeUri)
			.timeout(this.timeout)
			.header("Content-Type", "text/plain; charset=utf-8")
			.header("Content-Encoding", "gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(batch.gzip()));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			this.probe.written(response.statusCode(), response.body());
			return WriteOutcome.fromStatus(response.statusCode(), response.body(),
					RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null)));
		}
		catch (IOException ex) {
			return new WriteOutcome.Retryable(ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new WriteOutcome.Retryable("interrupted", null);
		}
	}

	@Override
	public boolean ping() {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.pingUri).timeout(this.timeout).GET();
		try {
			int status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			return status >= 200 && status < 300;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public String refusal() {
		return this.probe.refusal();
	}

	@Override
	public String describe() {
		return "InfluxDB v1 " + this.writeUri.getScheme() + "://" + this.writeUri.getAuthority()
				+ this.writeUri.getPath();
	}

	private static String encode(String value) {
		return URLEncoder.encode(nullToEmpty(value), StandardCharsets.UTF_8);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
