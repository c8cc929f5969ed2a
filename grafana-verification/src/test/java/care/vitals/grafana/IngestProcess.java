package care.vitals.grafana;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The real ingest service, started from its jar as a child process with the environment
 * variables of a deployment, the way compose and systemd run it.
 */
final class IngestProcess implements AutoCloseable {

	private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	/** Generous: the build machine is shared and often busy. */
	private static final Duration STARTUP = Duration.ofSeconds(180);

	private static final Duration READY = Duration.ofSeconds(90);

	private final Process process;

	private final Path log;

	private final int port;

	private final String credentials;

	private final HttpClient http = HttpClient.newHttpClient();

	private IngestProcess(Process process, Path log, int port, String credentials) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.credentials = credentials;
	}

	static Path jar() {
		return GrafanaFiles.repositoryRoot().resolve("ingest-service/target/ingest-service.jar");
	}

	/**
	 * Starts the jar and waits until it is ready (MQTT subscribed, spool not full), on
	 * the endpoint the compose healthcheck uses: {@code /actuator/health/readiness},
	 * without credentials.
	 * @param environment the variables of CONTRACTS.md, e.g. {@code MQTT_URL}; with
	 * {@code INGEST_ADMIN_USERNAME} and {@code INGEST_ADMIN_PASSWORD} the admin API is
	 * open to {@link #admin}
	 * @param dir where the log goes
	 * @return the running service
	 */
	static IngestProcess start(Map<String, String> environment, Path dir) throws IOException, InterruptedException {
		Path jar = jar();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it first ("
					+ "./mvnw -pl ingest-service -am package, or the full reactor build, which builds it before "
					+ "grafana-verification)");
		}
		Path log = dir.resolve("ingest.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-Xmn8m", "-XX:TieredStopAtLevel=1", "-jar",
				jar.toString())
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// A small young generation: garbage collections (and so jvm_gc_pause) within
		// seconds.
		// Only the variables a deployment sets: nothing from the build environment leaks
		// in.
		Map<String, String> env = builder.environment();
		String path = env.get("PATH");
		env.clear();
		env.put("PATH", (path != null) ? path : "/usr/bin:/bin");
		env.putAll(environment);
		Process process = builder.start();
		IngestProcess ingest = null;
		try {
			int port = awaitPort(process, log);
			String user = environment.getOrDefault("INGEST_ADMIN_USERNAME", "");
			String password = environment.getOrDefault("INGEST_ADMIN_PASSWORD", "");
			ingest = new IngestProcess(process, log, port,
					Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
			ingest.awaitHealthy();
			return ingest;
		}
		catch (RuntimeException | InterruptedException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	int port() {
		return this.port;
	}

	/**
	 * Calls the admin API as the admin user of the environment (HTTP basic), as an
	 * administrator's browser or {@code curl -u} would.
	 * @param method {@code GET}, {@code PUT}, {@code POST} or {@code DELETE}
	 * @param path e.g. {@code /api/assignments/mon-a1}
	 * @param json the request body, or {@code null}
	 * @return the response body as JSON (a missing node when empty)
	 * @throws IllegalStateException on a status other than 2xx, with the body and the log
	 */
	JsonNode admin(String method, String path, String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + this.credentials)
			.header("Accept", "application/json");
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)
				: HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = this.http.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					method + " " + path + ": " + response.statusCode() + " " + response.body() + "\n" + logTail());
		}
		return response.body().isBlank() ? GrafanaFiles.JSON.missingNode()
				: GrafanaFiles.JSON.readTree(response.body());
	}

	/**
	 * Gets a page of the ward station as the admin user (HTTP basic).
	 * @param path e.g. {@code /station/wards/ward-a/beds/1}
	 * @return the response
	 */
	HttpResponse<String> page(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + this.credentials)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	private static int awaitPort(Process process, Path log) throws InterruptedException {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			String text = read(log);
			Matcher matcher = TOMCAT_PORT.matcher(text);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("ingest-service exited with " + process.exitValue() + ":\n" + text);
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("ingest-service did not start within " + STARTUP + ":\n" + read(log));
	}

	private void awaitHealthy() throws InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + READY.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				last = response.statusCode() + " " + response.body();
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("ingest-service not ready within " + READY + " (" + last + "):\n" + logTail());
	}

	private static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
