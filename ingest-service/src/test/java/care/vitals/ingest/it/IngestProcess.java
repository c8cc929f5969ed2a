package care.vitals.ingest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import care.vitals.testsupport.JvmOptionsFile;

/**
 * The ingest service as its own process, started exactly as the README says
 * ({@code java -jar ingest-service/target/ingest-service.jar} with environment variables
 * only), so that a test can SIGKILL it.
 */
public final class IngestProcess implements AutoCloseable {

	private static final Path JAR = repositoryRoot().resolve("ingest-service/target/ingest-service.jar");

	/**
	 * The JVM flags of every deployment (deploy/ingest-jvm.options, repeated by the
	 * Dockerfile, the compose files and the systemd unit): RSS at most 256 MB. The
	 * property {@code ingest.jvm.options} replaces them for experiments.
	 */
	public static final List<String> JVM_OPTIONS = jvmOptions();

	private final Path jar;

	private final List<String> jvmOptions;

	private final Map<String, String> environment;

	private final Path log;

	private final int port;

	private Process process;

	public IngestProcess(Map<String, String> environment, Path log) {
		this(JAR, environment, log);
	}

	/**
	 * @param jar another build of the ingest (a benchmark comparing two in one run)
	 */
	public IngestProcess(Path jar, Map<String, String> environment, Path log) {
		this(jar, JVM_OPTIONS, environment, log);
	}

	/**
	 * @param jar another build of the ingest
	 * @param jvmOptions its JVM flags (a previous build runs with its own)
	 */
	public IngestProcess(Path jar, List<String> jvmOptions, Map<String, String> environment, Path log) {
		this.jar = jar;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.environment = environment;
		this.log = log;
		this.port = freePort();
	}

	public void start() throws IOException, InterruptedException {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException(this.jar.toAbsolutePath() + " is missing: run 'mvnw package' first");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.addAll(List.of("-jar", this.jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(this.environment);
		builder.environment().put("SERVER_PORT", Integer.toString(this.port));
		// the deployment's malloc settings, unless the caller sets them
		JvmOptionsFile.INGEST_MALLOC.forEach(builder.environment()::putIfAbsent);
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		this.process = builder.start();
		awaitSubscribed();
	}

	/** SIGKILL: no shutdown hook, no flush, no graceful disconnect. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/** SIGSTOP: still connected, but it reads and acknowledges nothing until resumed. */
	public void suspend() throws IOException, InterruptedException {
		signal("STOP", pid());
	}

	/** SIGCONT after {@link #suspend()}. */
	public void resume() throws IOException, InterruptedException {
		signal("CONT", pid());
	}

	/** Sends a signal ({@code STOP}, {@code CONT}, ...) to a process. */
	public static void signal(String signal, long pid) throws IOException, InterruptedException {
		if (new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor() != 0) {
			throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
		}
	}

	private static List<String> jvmOptions() {
		String override = System.getProperty("ingest.jvm.options");
		if (override != null) {
			return List.of(override.trim().split(" +"));
		}
		return JvmOptionsFile.read(repositoryRoot().resolve(JvmOptionsFile.INGEST));
	}

	/**
	 * The checkout's top folder (the one holding {@code mvnw}), from the module or the
	 * top.
	 */
	public static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Not inside the repository: " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	private void awaitSubscribed() throws InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Ingest exited: " + tail());
			}
			try {
				HttpResponse<String> health = http.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("Ingest not ready within 60 s: " + tail());
	}

	private String tail() {
		try {
			String text = Files.readString(this.log);
			return text.substring(Math.max(0, text.length() - 3000));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
