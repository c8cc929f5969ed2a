package care.vitals.ingest.storage;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

import java.time.Duration;
import java.util.Map;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import okhttp3.OkHttpClient;

/**
 * Writes to {@code /api/v2/write} through influxdb-client-java's blocking API (never its
 * asynchronous {@code WriteApi}, which drops points silently when its buffer is full).
 */
final class V2LineProtocolWriter implements LineProtocolWriter {

	private final InfluxDBClient client;

	private final WriteApiBlocking writeApi;

	private final String description;

	private final WriteProbe probe;

	V2LineProtocolWriter(InfluxProperties properties) {
		OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(properties.timeout())
			.readTimeout(properties.timeout())
			.writeTimeout(properties.timeout())
			.retryOnConnectionFailure(false);
		InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
			.url(properties.url())
			.org(properties.org())
			.bucket(properties.bucket())
			.okHttpClient(http);
		if (properties.token() != null && !properties.token().isBlank()) {
			options.authenticateToken(properties.token().toCharArray());
		}
		this.client = InfluxDBClientFactory.create(options.build());
		this.client.enableGzip();
		this.writeApi = this.client.getWriteApiBlocking();
		this.description = "InfluxDB v2 " + properties.url() + " bucket " + properties.bucket();
		String base = properties.url().replaceAll("/+$", "");
		URI probeUri = URI.create(base + "/api/v2/write?precision=ns&org=" + encode(properties.org()) + "&bucket="
				+ encode(properties.bucket()));
		String authorization = (properties.token() != null && !properties.token().isBlank())
				? "Token " + properties.token() : null;
		this.probe = new WriteProbe(HttpClient.newBuilder().connectTimeout(properties.timeout()).build(), probeUri,
				authorization, properties.timeout());
	}

	@Override
	public WriteOutcome write(Batch batch) {
		try {
			this.writeApi.writeRecord(WritePrecision.NS, batch.lineProtocol());
			this.probe.written(204, null);
			return new WriteOutcome.Written();
		}
		catch (InfluxException ex) {
			if (ex.status() == 0) {
				return new WriteOutcome.Retryable(describeCause(ex), null);
			}
			this.probe.written(ex.status(), ex.getMessage());
			return WriteOutcome.fromStatus(ex.status(), ex.getMessage(), retryAfter(ex.headers()));
		}
		catch (RuntimeException ex) {
			return new WriteOutcome.Retryable(describeCause(ex), null);
		}
	}

	@Override
	public boolean ping() {
		try {
			return this.client.ping();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Override
	public String refusal() {
		return this.probe.refusal();
	}

	@Override
	public String describe() {
		return this.description;
	}

	@Override
	public void close() {
		this.client.close();
	}

	private static String encode(String value) {
		return URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

	private static Duration retryAfter(Map<String, String> headers) {
		if (headers == null) {
			return null;
		}
		return headers.entrySet()
			.stream()
			.filter((header) -> "retry-after".equalsIgnoreCase(header.getKey()))
			.findFirst()
			.map((header) -> RetryAfter.parse(header.getValue()))
			.orElse(null);
	}

	private static String describeCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
