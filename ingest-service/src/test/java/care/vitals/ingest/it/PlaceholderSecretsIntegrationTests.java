package care.vitals.ingest.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that the ingest jar started by hand ({@code java -jar}, the README's local
 * run, with no entrypoint or unit in front of it) refuses a placeholder or well-known
 * default secret itself: exit status 78 and one ERROR line naming the properties, never
 * their values, and no stack trace; and that real secrets start it.
 */
class PlaceholderSecretsIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path dir;

	@Test
	void aPlaceholderOrDefaultInTheEnvironmentStopsTheJarWith78NamingThePropertiesNeverTheValues() throws Exception {
		Map<String, String> environment = environment();
		environment.put("INGEST_ADMIN_PASSWORD", "ChangeMe");
		environment.put("INFLUX_TOKEN", "__GENERATED__");

		List<String> lines = runUntilExit(environment, 78);

		assertThat(lines).filteredOn((line) -> line.contains(" ERROR ") && line.contains("Refusing to start"))
			.singleElement()
			.asString()
			.contains("the secret properties ingest.admin.password, ingest.influx.token,"
					+ " management.influx.metrics.export.token hold a placeholder or a well-known default");
		assertThat(lines).anyMatch((line) -> line.contains("APPLICATION FAILED TO START"));
		assertThat(String.join("\n", lines)).doesNotContain("ChangeMe").doesNotContain("__GENERATED__");
		assertThat(lines).noneMatch((line) -> line.startsWith("\tat "));
	}

	/** The systemd install's credentials, read as a configuration tree. */
	@Test
	void aPlaceholderCredentialStopsTheJarToo() throws Exception {
		Path credentials = Files.createDirectories(this.dir.resolve("credentials"));
		Files.writeString(credentials.resolve("MQTT_PASSWORD"), "__GENERATED__\n");
		Files.writeString(credentials.resolve("INGEST_ADMIN_PASSWORD"), "a-real-admin-password-7\n");
		Map<String, String> environment = environment();
		environment.remove("INGEST_ADMIN_PASSWORD");
		environment.put("SPRING_CONFIG_IMPORT", "configtree:" + credentials + "/");

		List<String> lines = runUntilExit(environment, 78);

		assertThat(lines).filteredOn((line) -> line.contains(" ERROR ") && line.contains("Refusing to start"))
			.singleElement()
			.asString()
			.contains("the secret properties MQTT_PASSWORD, ingest.mqtt.password hold");
		assertThat(String.join("\n", lines)).doesNotContain("__GENERATED__");
	}

	@Test
	void realSecretsStartIt() throws Exception {
		Path log = this.dir.resolve("ingest.log");
		Files.writeString(log, "");
		try (IngestProcess ingest = new IngestProcess(environment(), log)) {
			ingest.start();
		}
		assertThat(Files.readString(log)).doesNotContain("Refusing to start");
	}

	private Map<String, String> environment() {
		Map<String, String> environment = new HashMap<>(Map.of("MQTT_URL", mosquitto.url(), "MQTT_CLIENT_ID",
				"ingest-placeholders", "INFLUX_API", "v1", "INFLUX_URL", influx.url(), "INFLUX_DATABASE",
				"placeholders", "SPOOL_DIR", this.dir.resolve("spool").toString(), "INGEST_ADMIN_USERNAME", "admin",
				"INGEST_ADMIN_PASSWORD", "a-real-admin-password-7"));
		environment.put("ACCOUNTS_FILE", this.dir.resolve("accounts.json").toString());
		return environment;
	}

	private List<String> runUntilExit(Map<String, String> environment, int expectedStatus) throws Exception {
		Path log = Files.createTempFile(this.dir, "ingest-", ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(IngestProcess.JVM_OPTIONS);
		command.addAll(List.of("-jar",
				IngestProcess.repositoryRoot().resolve("ingest-service/target/ingest-service.jar").toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", "0");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process = builder.start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the ingest stops by itself").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		List<String> lines = Files.readAllLines(log);
		assertThat(process.exitValue()).as(String.join("\n", lines)).isEqualTo(expectedStatus);
		return lines;
	}

}
