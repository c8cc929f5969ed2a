package care.vitals.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.testsupport.VictoriaMetricsServer;

/**
 * Readings (heart rate samples) VictoriaMetrics holds from a time on, counted with PromQL
 * ({@code sum(count_over_time(vitals_heart_rate[...]))}) for the {@link Ledger}.
 */
final class VictoriaCount {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.eE+-]+,\"([0-9.eE+]+)\"\\]");

	private VictoriaCount() {
	}

	/**
	 * @param from the earliest timestamp counted ({@link Instant#EPOCH}: the last year's)
	 * @return the samples; 0 when none
	 * @throws IllegalStateException if VictoriaMetrics did not answer
	 */
	static long since(VictoriaMetricsServer victoria, Instant from) {
		victoria.forceFlush();
		long seconds = Math.max(1, Duration.between(from, Instant.now()).toSeconds() + 1);
		// a year at most: VictoriaMetrics answers nothing for a window of decades
		String query = "sum(count_over_time(vitals_heart_rate[" + Math.min(seconds, 31_536_000L) + "s]))";
		URI uri = URI
			.create(victoria.url() + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"VictoriaMetrics answered " + response.statusCode() + ": " + response.body());
			}
			Matcher value = VALUE.matcher(response.body());
			return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
		}
		catch (IOException ex) {
			throw new IllegalStateException("VictoriaMetrics did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
