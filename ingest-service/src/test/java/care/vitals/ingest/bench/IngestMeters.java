package care.vitals.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ingest's own meters, read from its Prometheus endpoint: the {@code ingest.lag}
 * histogram (latency percentiles of a phase) and Micrometer's JVM meters (allocation and
 * GC pauses of a drain burst).
 */
final class IngestMeters {

	/**
	 * Micrometer's JVM meters of the ingest (bytes allocated, seconds in GC pauses) and
	 * its batch sizes.
	 */
	static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";

	static final String GC_PAUSES = "jvm_gc_pause_seconds_sum";

	/** The ingest's batches: how many, and lines in all. */
	static final String BATCHES = "ingest_batch_lines_count";

	static final String BATCH_LINES = "ingest_batch_lines_sum";

	private final HttpClient http;

	private final String authorization;

	IngestMeters(HttpClient http, String authorization) {
		this.http = http;
		this.authorization = authorization;
	}

	/**
	 * One reading of the ingest's Prometheus endpoint (each one costs the ingest a
	 * password check, ~90 ms of CPU here: read once, use for all).
	 */
	Scrape scrape(int port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.header("Authorization", this.authorization)
			.build();
		return new Scrape(List.of(this.http.send(request, HttpResponse.BodyHandlers.ofString()).body().split("\n")));
	}

	/** The lines of one scrape, and the meters read from them. */
	record Scrape(List<String> lines) {

		/**
		 * Cumulative bucket counts of the ingest's {@code ingest.lag} histogram by upper
		 * bound (s).
		 */
		Map<Double, Long> lag() {
			return buckets("ingest_lag_seconds_bucket");
		}

		/**
		 * Cumulative bucket counts of the ingest's {@code ingest.write.latency} histogram
		 * (one InfluxDB write request) by upper bound (s).
		 */
		Map<Double, Long> writes() {
			return buckets("ingest_write_latency_seconds_bucket");
		}

		/**
		 * The JVM's collection pauses so far by kind ({@code minor}, {@code major}):
		 * their count and their seconds in all.
		 */
		Map<String, double[]> pauses() {
			Map<String, double[]> pauses = new TreeMap<>(Map.of("minor", new double[2], "major", new double[2]));
			for (String line : this.lines) {
				boolean count = line.startsWith("jvm_gc_pause_seconds_count");
				if (count || line.startsWith("jvm_gc_pause_seconds_sum")) {
					String kind = line.contains("end of major GC") ? "major" : "minor";
					pauses.get(kind)[count ? 0 : 1] += value(line);
				}
			}
			return pauses;
		}

		private Map<Double, Long> buckets(String series) {
			Map<Double, Long> buckets = new TreeMap<>();
			for (String line : this.lines) {
				if (line.startsWith(series)) {
					String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
					double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
					buckets.put(bound, (long) value(line));
				}
			}
			return buckets;
		}

		/**
		 * {@link #ALLOCATED}, {@link #GC_PAUSES}, {@link #BATCHES}, {@link #BATCH_LINES}.
		 */
		Map<String, Double> jvm() {
			Map<String, Double> meters = new TreeMap<>(
					Map.of(ALLOCATED, 0.0, GC_PAUSES, 0.0, BATCHES, 0.0, BATCH_LINES, 0.0));
			for (String line : this.lines) {
				String name = line.replaceAll("[{ ].*", "");
				if (meters.containsKey(name)) {
					// one series per collector and cause for the pauses: summed
					meters.merge(name, value(line), Double::sum);
				}
			}
			return meters;
		}

	}

	private static double value(String line) {
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	static Map<Double, Long> difference(Map<Double, Long> after, Map<Double, Long> before) {
		Map<Double, Long> delta = new TreeMap<>();
		after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0L)));
		return delta;
	}

	/**
	 * Pauses between two readings of {@link #gcPauses(int)}: "minor 412 (1.9 s), major 1
	 * (0.21 s)".
	 */
	static String pausesSince(Map<String, double[]> after, Map<String, double[]> before) {
		StringBuilder text = new StringBuilder();
		after.forEach((kind, now) -> {
			double[] then = before.get(kind);
			text.append((text.length() > 0) ? ", " : "")
				.append(String.format("%s %,.0f (%.2f s)", kind, now[0] - then[0], now[1] - then[1]));
		});
		return text.toString();
	}

	/** The upper bound of the bucket holding the given quantile: "≤ 50 ms". */
	static String percentile(Map<Double, Long> buckets, double quantile) {
		long total = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0L);
		if (total == 0) {
			return "n/a";
		}
		for (Map.Entry<Double, Long> bucket : buckets.entrySet()) {
			if (bucket.getValue() >= quantile * total) {
				return bucket.getKey().isInfinite() ? "> 60 s" : "≤ " + Math.round(bucket.getKey() * 1000) + " ms";
			}
		}
		return "?";
	}

}
