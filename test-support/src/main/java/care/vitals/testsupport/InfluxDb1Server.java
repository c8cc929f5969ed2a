package care.vitals.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An InfluxDB 1.x server ({@code influxd}, HTTP API {@code /write}, {@code /query},
 * {@code /ping}) on {@code 127.0.0.1} and a free port, without authentication, or with it
 * ({@link #createWithAuthentication}: an admin user is created at start and every helper
 * here uses it).
 * <p>
 * Generated {@code influxdb.conf}: meta, data and WAL dirs in {@link #dataDir()}, the RPC
 * (backup/restore) service on a second free port instead of 8088, usage reporting and the
 * {@code _internal} monitor database off, WAL fsync on every write (so data survives
 * {@link #kill()}).
 */
public final class InfluxDb1Server extends ServerProcess {

	private final LocalHttp http = new LocalHttp();

	private final String adminUser;

	private final String adminPassword;

	private InfluxDb1Server(String adminUser, String adminPassword) {
		super("influxdb", ServerBinaries.INFLUXD, "influxdb", 2);
		this.adminUser = adminUser;
		this.adminPassword = adminPassword;
	}

	/**
	 * Creates a server; it starts on {@link #start()} or as a JUnit extension.
	 * @return a new server
	 */
	public static InfluxDb1Server create() {
		return new InfluxDb1Server(null, null);
	}

	/**
	 * Creates a server with authentication on ({@code auth-enabled = true}) and an admin
	 * user with all privileges, created at every start; the helpers of this class
	 * authenticate as that user.
	 * @param adminUser the admin user name
	 * @param adminPassword the admin password
	 * @return a new server
	 */
	public static InfluxDb1Server createWithAuthentication(String adminUser, String adminPassword) {
		return new InfluxDb1Server(adminUser, adminPassword);
	}

	/**
	 * Runs an InfluxQL statement that changes the server (CREATE USER, GRANT, ...) as the
	 * admin.
	 * @param statement the statement
	 * @return the raw JSON response body
	 */
	public String execute(String statement) {
		return this.http
			.exchange(authenticated(HttpRequest.newBuilder(LocalHttp.uri(url() + "/query", Map.of("q", statement))))
				.POST(HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder authenticated(HttpRequest.Builder request) {
		if (this.adminUser != null) {
			request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
				.encodeToString((this.adminUser + ":" + this.adminPassword).getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	/**
	 * Returns the HTTP API base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	@Override
	public String url() {
		return "http://" + host() + ":" + port();
	}

	/**
	 * Returns the port of the RPC service used by {@code influxd backup} and restore.
	 * @return the port
	 */
	public int rpcPort() {
		return port(1);
	}

	/**
	 * Creates a database (no-op if it exists).
	 * @param db the database name
	 */
	public void createDatabase(String db) {
		execute("CREATE DATABASE " + quote(db));
	}

	/**
	 * Writes points in line protocol with nanosecond timestamps.
	 * @param db the database
	 * @param lineProtocol one or more lines
	 * @throws IllegalStateException with the response body on a non-2xx status
	 * @throws java.io.UncheckedIOException if the server is unreachable (e.g. stopped:
	 * connection refused)
	 */
	public void write(String db, String lineProtocol) {
		URI uri = LocalHttp.uri(url() + "/write", Map.of("db", db, "precision", "ns"));
		this.http
			.exchange(authenticated(HttpRequest.newBuilder(uri)).header("Content-Type", "text/plain; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString(lineProtocol, StandardCharsets.UTF_8)));
	}

	/**
	 * Runs an InfluxQL query.
	 * @param db the database
	 * @param influxql the query, e.g. {@code SELECT * FROM vitals}
	 * @return the raw JSON response body (times as RFC 3339 strings)
	 * @throws IllegalStateException on a non-2xx status
	 */
	public String query(String db, String influxql) {
		return this.http.exchange(
				authenticated(HttpRequest.newBuilder(LocalHttp.uri(url() + "/query", Map.of("db", db, "q", influxql))))
					.GET());
	}

	/**
	 * Runs a query returning one number, e.g.
	 * {@code SELECT count(heart_rate) FROM vitals}.
	 * @param db the database
	 * @param influxql the query
	 * @return the first value column of the single row, or 0 if there is no series
	 * @throws IllegalStateException if the query fails or returns several rows or series
	 */
	public long count(String db, String influxql) {
		String body = query(db, influxql);
		Map<?, ?> result = firstResult(body);
		if (result.containsKey("error")) {
			throw new IllegalStateException("Query '" + influxql + "' failed: " + result.get("error"));
		}
		List<?> series = (List<?>) result.get("series");
		if (series == null || series.isEmpty()) {
			return 0;
		}
		List<?> values = (List<?>) ((Map<?, ?>) series.get(0)).get("values");
		if (series.size() != 1 || values.size() != 1) {
			throw new IllegalStateException("Query '" + influxql + "' returned more than one value: " + body);
		}
		return ((Number) ((List<?>) values.get(0)).get(1)).longValue();
	}

	/**
	 * Reads one of the server's own counters, e.g. {@code statistic("write", "pointReq")}
	 * (points asked to be written since it started): far cheaper than a count, which
	 * InfluxDB 1.6 answers by copying each series' in-memory cache.
	 * @param module the statistics module ({@code SHOW STATS FOR 'module'})
	 * @param name the counter
	 * @return its value
	 * @throws IllegalStateException if the module or the counter is unknown
	 */
	public long statistic(String module, String name) {
		String body = execute("SHOW STATS FOR '" + module + "'");
		List<?> series = (List<?>) firstResult(body).get("series");
		if (series == null || series.isEmpty()) {
			throw new IllegalStateException("No statistics for '" + module + "': " + body);
		}
		List<?> columns = (List<?>) ((Map<?, ?>) series.get(0)).get("columns");
		List<?> values = (List<?>) ((List<?>) ((Map<?, ?>) series.get(0)).get("values")).get(0);
		int column = columns.indexOf(name);
		if (column < 0) {
			throw new IllegalStateException("No statistic '" + name + "' in '" + module + "': " + columns);
		}
		return ((Number) values.get(column)).longValue();
	}

	/** The first statement's result of a query response. */
	private static Map<?, ?> firstResult(String body) {
		return (Map<?, ?>) ((List<?>) ((Map<?, ?>) MiniJson.parse(body)).get("results")).get(0);
	}

	@Override
	protected List<String> command(Path binary) throws IOException {
		Path dir = dataDir();
		// 'reporting-disabled' is the upstream key; the Debian build renamed it
		// 'reporting-enabled' (default false). Unknown keys are ignored, so set both.
		String config = """
				# Generated by care.vitals.testsupport.InfluxDb1Server
				reporting-disabled = true
				reporting-enabled = false
				bind-address = "%1$s:%3$d"

				[meta]
				  dir = "%4$s/meta"

				[data]
				  dir = "%4$s/data"
				  wal-dir = "%4$s/wal"
				  wal-fsync-delay = "0s"
				  query-log-enabled = false

				[http]
				  bind-address = "%1$s:%2$d"
				  auth-enabled = %5$s
				  log-enabled = false
				  pprof-enabled = false

				[monitor]
				  store-enabled = false

				[subscriber]
				  enabled = false

				[logging]
				  suppress-logo = true
				""".formatted(host(), port(), rpcPort(), dir, this.adminUser != null);
		Path file = dir.resolve("influxdb.conf");
		Files.writeString(file, config, StandardCharsets.UTF_8);
		return List.of(binary.toString(), "-config", file.toString());
	}

	/**
	 * Ready when {@code GET /ping} returns 204.
	 */
	@Override
	protected boolean isReady() {
		return this.http.probe(URI.create(url() + "/ping"), 204);
	}

	@Override
	protected void onStarted() {
		this.http.reset();
		if (this.adminUser != null) {
			// the first admin may be created while no admin exists (credentials are then
			// ignored); on a restart it exists and the credentials are checked
			execute("CREATE USER " + quote(this.adminUser) + " WITH PASSWORD '" + this.adminPassword
					+ "' WITH ALL PRIVILEGES");
		}
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
