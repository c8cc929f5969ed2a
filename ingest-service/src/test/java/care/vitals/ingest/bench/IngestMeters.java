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
	 * Cumulative bucket counts of the ingest's {@code ingest.lag} histogram by upper
	 * bound (s).
	 */
	Map<Double, Long> lagBuckets(int port) throws IOException, InterruptedException {
		Map<Double, Long> buckets = new TreeMap<>();
		for (String line : prometheus(port)) {
			if (line.startsWith("ingest_lag_seconds_bucket")) {
				String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
				double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
				buckets.put(bound, (long) value(line));
			}
		}
		return buckets;
	}

	Map<String, Double> jvmMeters(int port) throws IOException, InterruptedException {
		Map<String, Double> meters = new TreeMap<>(
				Map.of(ALLOCATED, 0.0, GC_PAUSES, 0.0, BATCHES, 0.0, BATCH_LINES, 0.0));
		for (String line : prometheus(port)) {
			String name = line.replaceAll("[{ ].*", "");
			if (meters.containsKey(name)) {
				// one series per collector and cause for the pauses: summed
				meters.merge(name, value(line), Double::sum);
			}
		}
		return meters;
	}

	private List<String> prometheus(int port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.header("Authorization", this.authorization)
			.build();
		return List.of(this.http.send(request, HttpResponse.BodyHandlers.ofString()).body().split("\n"));
	}

	private static double value(String line) {
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	static Map<Double, Long> difference(Map<Double, Long> after, Map<Double, Long> before) {
		Map<Double, Long> delta = new TreeMap<>();
		after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0L)));
		return delta;
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
