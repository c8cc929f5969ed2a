package care.vitals.ingest.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads back what the ingest wrote, with InfluxQL on {@code /query}: InfluxDB 1.x with
 * the v1 user, InfluxDB 2.x through its v1-compatible {@code /query} (the database and
 * retention policy are mapped to the bucket by a DBRP mapping) with the v2 token. Used
 * for the small audit reads of the ward station, never on the write path. VictoriaMetrics
 * has no InfluxQL: every read fails there, and the callers say so.
 */
public final class InfluxQlReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final String queryUri;

	private final String authorization;

	private final Duration timeout;

	/**
	 * @param properties where the ingest writes
	 * @param timeout how long one read may take (the page waits for it)
	 */
	public InfluxQlReader(InfluxProperties properties, Duration timeout) {
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
		StringBuilder uri = new StringBuilder(properties.url().replaceAll("/+$", "")).append("/query?epoch=ms&db=")
			.append(encode(properties.database()));
		if (hasText(properties.retentionPolicy())) {
			uri.append("&rp=").append(encode(properties.retentionPolicy()));
		}
		this.queryUri = uri.toString();
		if (properties.api() == InfluxProperties.Api.V2 && hasText(properties.token())) {
			this.authorization = "Token " + properties.token();
		}
		else if (hasText(properties.username())) {
			this.authorization = "Basic " + Base64.getEncoder()
				.encodeToString(
						(properties.username() + ":" + ((properties.password() != null) ? properties.password() : ""))
							.getBytes(StandardCharsets.UTF_8));
		}
		else {
			this.authorization = null;
		}
	}

	/**
	 * Runs one {@code SELECT} and returns the rows of its first result, every series
	 * together, each row as column name to value ({@code time} in epoch milliseconds).
	 * @param influxQl the statement
	 * @return the rows, empty when nothing matched
	 * @throws ReadFailed when the database cannot be reached, refuses the statement or
	 * does not answer like InfluxDB (every row has its {@code time})
	 */
	public List<Map<String, Object>> select(String influxQl) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.queryUri + "&q=" + encode(influxQl)))
			.timeout(this.timeout)
			.GET();
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ReadFailed("the database cannot be reached (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReadFailed("interrupted", ex);
		}
		if (response.statusCode() != 200) {
			throw new ReadFailed("the database answered " + response.statusCode(), null);
		}
		JsonNode result;
		try {
			result = JSON.readTree(response.body()).path("results").path(0);
		}
		catch (RuntimeException ex) {
			throw new ReadFailed("the database's answer is not JSON", ex);
		}
		if (result.has("error")) {
			throw new ReadFailed("the database refused the query: " + result.path("error").asString(), null);
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (JsonNode series : result.path("series")) {
			List<String> columns = new ArrayList<>();
			series.path("columns").forEach((c) -> columns.add(c.asString()));
			if (!columns.contains("time")) {
				// e.g. VictoriaMetrics, which answers /query without InfluxQL's times
				throw new ReadFailed("the database does not answer InfluxQL with times", null);
			}
			for (JsonNode values : series.path("values")) {
				Map<String, Object> row = new LinkedHashMap<>();
				series.path("tags").properties().forEach((tag) -> row.put(tag.getKey(), tag.getValue().asString()));
				for (int i = 0; i < columns.size(); i++) {
					JsonNode value = values.path(i);
					row.put(columns.get(i), value.isNull() ? null : value.isNumber() ? value.numberValue()
							: value.isBoolean() ? value.asBoolean() : value.asString());
				}
				if (!(row.get("time") instanceof Number)) {
					throw new ReadFailed("the database answered a row without its time", null);
				}
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * An InfluxQL string literal: single quotes, with backslash and quote escaped.
	 * @param value the text
	 * @return the literal
	 */
	public static String literal(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	private static String encode(String value) {
		return URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	/** A read that did not succeed, with why in words. */
	public static final class ReadFailed extends RuntimeException {

		ReadFailed(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
