package care.vitals.ingest.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenID Connect provider: Keycloak from its distribution on Maven Central
 * ({@code org.keycloak:keycloak-quarkus-dist}, unpacked into {@code target/keycloak} by
 * the build), in development mode with an in-memory database, importing one realm. It
 * needs Java 21 or later: {@code KEYCLOAK_JAVA_HOME}, else the newest JDK under
 * {@code /usr/lib/jvm}, else the running one. Missing distribution or Java: the test
 * fails under {@code CI=true} and is skipped elsewhere, like the other servers.
 */
final class KeycloakServer implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(240);

	private static final String ADMIN_PASSWORD = "keycloak-test-admin-password";

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private final Process process;

	private final int port;

	private final Path log;

	private KeycloakServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts Keycloak with a realm and waits until the realm's OpenID configuration
	 * answers.
	 * @param realm the realm's JSON (Keycloak's export format)
	 * @param realmName its name
	 * @param port the HTTP port
	 * @return the running server
	 */
	static KeycloakServer start(String realm, String realmName, int port) throws IOException, InterruptedException {
		Path home = distribution();
		Path java = java21();
		Path imports = home.resolve("data/import");
		Files.createDirectories(imports);
		try (Stream<Path> old = Files.list(imports)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		Files.writeString(imports.resolve(realmName + "-realm.json"), realm, StandardCharsets.UTF_8);
		Path log = home.resolve("keycloak-test.log");
		ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
				"--http-port=" + port, "--http-host=127.0.0.1", "--db=dev-mem", "--import-realm",
				"--health-enabled=false")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", java.toString());
		builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
		builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
		// Keycloak's thread pool on Java 24 or later (its own advice in the log)
		builder.environment().put("JAVA_OPTS_APPEND", "--add-opens java.base/java.lang=ALL-UNNAMED");
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		KeycloakServer server = new KeycloakServer(builder.start(), port, log);
		server.awaitRealm(realmName);
		return server;
	}

	/**
	 * How many sessions a user has at the provider (its admin API).
	 * @param realmName the realm
	 * @param username the user
	 * @return the number of sessions
	 */
	int sessions(String realmName, String username) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + this.port;
		HttpResponse<String> token = http
			.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("grant_type=password&client_id=admin-cli&username=admin&password=" + ADMIN_PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString());
		String accessToken = JSON.readTree(token.body()).path("access_token").asString();
		HttpResponse<String> users = http.send(HttpRequest
			.newBuilder(URI.create(base + "/admin/realms/" + realmName + "/users?exact=true&username=" + username))
			.header("Authorization", "Bearer " + accessToken)
			.build(), HttpResponse.BodyHandlers.ofString());
		String id = JSON.readTree(users.body()).path(0).path("id").asString();
		HttpResponse<String> sessions = http
			.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realmName + "/users/" + id + "/sessions"))
				.header("Authorization", "Bearer " + accessToken)
				.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(sessions.body()).size();
	}

	String issuer(String realmName) {
		return "http://127.0.0.1:" + this.port + "/realms/" + realmName;
	}

	private void awaitRealm(String realmName) throws InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		URI configuration = URI.create(issuer(realmName) + "/.well-known/openid-configuration");
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Keycloak exited: " + logTail());
			}
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(configuration).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		close();
		throw new IllegalStateException(
				"Keycloak did not serve realm " + realmName + " within " + STARTUP.toSeconds() + " s: " + logTail());
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path distribution() throws IOException {
		Path unpacked = Path.of("target", "keycloak");
		Optional<Path> home = Optional.empty();
		if (Files.isDirectory(unpacked)) {
			try (Stream<Path> dirs = Files.list(unpacked)) {
				home = dirs.filter((dir) -> Files.isExecutable(dir.resolve("bin/kc.sh"))).findFirst();
			}
		}
		return require(home.map(Path::toAbsolutePath),
				"the Keycloak distribution was not found under " + unpacked.toAbsolutePath()
						+ " (the build unpacks org.keycloak:keycloak-quarkus-dist there before "
						+ "the integration tests: ./mvnw -pl ingest-service -am verify)");
	}

	/** A JDK of version 21 or later, for Keycloak. */
	private static Path java21() throws IOException {
		String configured = System.getenv("KEYCLOAK_JAVA_HOME");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		Optional<Path> found = Optional.empty();
		Path jvms = Path.of("/usr/lib/jvm");
		if (Files.isDirectory(jvms)) {
			try (Stream<Path> dirs = Files.list(jvms)) {
				found = dirs.filter((dir) -> Files.isExecutable(dir.resolve("bin/java")) && major(dir) >= 21)
					.max(Comparator.comparingInt(KeycloakServer::major));
			}
		}
		if (found.isEmpty() && Runtime.version().feature() >= 21) {
			found = Optional.of(Path.of(System.getProperty("java.home")));
		}
		return require(found, "no Java 21 or later for Keycloak: set KEYCLOAK_JAVA_HOME, or install one under "
				+ "/usr/lib/jvm (e.g. Eclipse Temurin 21 or 25)");
	}

	private static int major(Path jdk) {
		try {
			for (String line : Files.readAllLines(jdk.resolve("release"))) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
					return Integer.parseInt(version.split("[.+-]")[0]);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not a JDK we can read
		}
		return 0;
	}

	private static Path require(Optional<Path> found, String message) {
		if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + ". CI=true: a missing server fails the build.");
		}
		Assumptions.assumeTrue(found.isPresent(), () -> message + ". Skipping; under CI=true this fails instead.");
		return found.get();
	}

}
