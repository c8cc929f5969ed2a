package care.vitals.publisher;

import java.io.IOException;
import java.net.ServerSocket;
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

/**
 * The packaged publisher ({@code target/publisher-service.jar}) as a real process,
 * started with environment variables only, plus an HTTP client for its API.
 */
final class PublisherProcess implements AutoCloseable {

	static final String USER = "operator";

	static final String PASSWORD = "integration-test-password";

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PublisherProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static PublisherProcess start(String mqttUrl) throws IOException, InterruptedException {
		return start(mqttUrl, "-Xmx256m");
	}

	static PublisherProcess start(String mqttUrl, String maxHeap) throws IOException, InterruptedException {
		Path jar = Path.of("target", "publisher-service.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the package phase first");
		}
		int port = freePort();
		Path log = Files.createTempFile("publisher-", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, maxHeap, "-jar", jar.toString());
		builder.environment()
			.putAll(Map.of("MQTT_URL", mqttUrl, "SERVER_PORT", Integer.toString(port), "PUBLISHER_API_USERNAME", USER,
					"PUBLISHER_API_PASSWORD", PASSWORD));
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		PublisherProcess publisher = new PublisherProcess(builder.start(), port, log);
		publisher.awaitHealthy();
		return publisher;
	}

	/**
	 * Starts the jar with these environment variables only and waits for it to stop by
	 * itself (a start it refuses).
	 * @return its exit status and its output
	 */
	static Exited runUntilExit(Map<String, String> environment) throws IOException, InterruptedException {
		Path jar = Path.of("target", "publisher-service.jar");
		Path log = Files.createTempFile("publisher-", ".log");
		try {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString());
			builder.environment().putAll(environment);
			builder.environment().put("SERVER_PORT", "0");
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			Process process = builder.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("publisher still running after 60 s: " + Files.readString(log));
			}
			return new Exited(process.exitValue(), Files.readString(log));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	/** A publisher that stopped by itself: its exit status and output. */
	record Exited(int status, String output) {
	}

	private void awaitHealthy() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("publisher exited: " + tail());
			}
			try {
				HttpResponse<String> health = get("/actuator/health", false);
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("publisher not healthy within 90 s: " + tail());
	}

	HttpResponse<String> get(String path, boolean authenticated) throws IOException, InterruptedException {
		return send(request(path, authenticated).GET());
	}

	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(request(path, true).timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpRequest.Builder request(String path, boolean authenticated) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		if (authenticated) {
			builder.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> delete(String path) throws IOException, InterruptedException {
		return send(request(path, true).timeout(Duration.ofSeconds(120)).DELETE());
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Kills the process (SIGKILL): no shutdown hook runs, sockets just close.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * Stops the process (SIGTERM) and waits for the graceful shutdown.
	 * @return the exit code
	 */
	int terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("publisher did not stop within 60 s");
		}
		return this.process.exitValue();
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	@Override
	public void close() throws IOException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
		Files.deleteIfExists(this.log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
