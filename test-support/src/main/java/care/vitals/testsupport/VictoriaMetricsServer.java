package care.vitals.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A single-node VictoriaMetrics server on {@code 127.0.0.1} and a free port: a real
 * server for the InfluxDB v2 write path ({@code POST /api/v2/write}, any org and bucket,
 * gzip accepted). Series are named {@code <measurement>_<field>}, e.g.
 * {@code vitals_heart_rate{device="..."}}; timestamps are stored in milliseconds.
 * <p>
 * Flags: storage in {@link #dataDir()}, {@code -retentionPeriod=100y} (old timestamps
 * accepted), {@code -search.latencyOffset=0s} and {@code -search.disableCache} (fresh
 * samples are visible to queries at once).
 */
public final class VictoriaMetricsServer extends ServerProcess {

	private final LocalHttp http = new LocalHttp();

	private VictoriaMetricsServer() {
		super("victoria-metrics", ServerBinaries.VICTORIA_METRICS, "victoria-metrics", 1);
	}

	/**
	 * Creates a server; it starts on {@link #start()} or as a JUnit extension.
	 * @return a new server
	 */
	public static VictoriaMetricsServer create() {
		return new VictoriaMetricsServer();
	}

	/**
	 * Returns the HTTP base URL, also the InfluxDB v2 client URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	@Override
	public String url() {
		return "http://" + host() + ":" + port();
	}

	/**
	 * Writes line protocol (nanosecond timestamps) through {@code /api/v2/write}.
	 * @param lineProtocol one or more lines
	 */
	public void write(String lineProtocol) {
		this.http.exchange(HttpRequest.newBuilder(URI.create(url() + "/api/v2/write?org=test&bucket=test"))
			.POST(HttpRequest.BodyPublishers.ofString(lineProtocol, StandardCharsets.UTF_8)));
	}

	/**
	 * Makes all accepted samples searchable ({@code GET /internal/force_flush}).
	 */
	public void forceFlush() {
		this.http.exchange(HttpRequest.newBuilder(URI.create(url() + "/internal/force_flush")).GET());
	}

	/**
	 * Exports series after a {@link #forceFlush()}.
	 * @param seriesSelector e.g. {@code vitals_heart_rate{device="d1"}} or
	 * {@code {__name__=~"vitals_.*"}}
	 * @return JSON lines, one per series:
	 * {@code {"metric":{...},"values":[...],"timestamps":[...]}}
	 */
	public String export(String seriesSelector) {
		forceFlush();
		return this.http
			.exchange(HttpRequest.newBuilder(LocalHttp.uri(url() + "/api/v1/export", Map.of("match[]", seriesSelector)))
				.GET());
	}

	/**
	 * Evaluates a PromQL instant query whose result is one number
	 * ({@code GET /api/v1/query}) after a {@link #forceFlush()}, e.g.
	 * {@code sum(count_over_time(vitals_heart_rate[1h]))}: a count without exporting the
	 * samples.
	 * @param promQl the query
	 * @return the first result's value, 0 when the result is empty
	 */
	public double queryNumber(String promQl) {
		forceFlush();
		String body = this.http
			.exchange(HttpRequest.newBuilder(LocalHttp.uri(url() + "/api/v1/query", Map.of("query", promQl))).GET());
		List<?> result = (List<?>) ((Map<?, ?>) ((Map<?, ?>) MiniJson.parse(body)).get("data")).get("result");
		if (result.isEmpty()) {
			return 0;
		}
		return Double.parseDouble((String) ((List<?>) ((Map<?, ?>) result.get(0)).get("value")).get(1));
	}

	/**
	 * Counts the exported samples of all matching series.
	 * @param seriesSelector a series selector as for {@link #export(String)}
	 * @return the number of samples
	 */
	public long countSamples(String seriesSelector) {
		long count = 0;
		for (String line : export(seriesSelector).split("\n")) {
			if (!line.isBlank()) {
				count += ((List<?>) ((Map<?, ?>) MiniJson.parse(line)).get("timestamps")).size();
			}
		}
		return count;
	}

	@Override
	protected List<String> command(Path binary) {
		return List.of(binary.toString(), "-storageDataPath=" + dataDir().resolve("data"),
				"-httpListenAddr=" + host() + ":" + port(), "-retentionPeriod=100y", "-search.latencyOffset=0s",
				"-search.disableCache");
	}

	/**
	 * Ready when {@code GET /health} returns 200.
	 */
	@Override
	protected boolean isReady() {
		return this.http.probe(URI.create(url() + "/health"), 200);
	}

	@Override
	protected void onStarted() {
		this.http.reset();
	}

}
