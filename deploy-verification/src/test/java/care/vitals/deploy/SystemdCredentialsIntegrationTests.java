package care.vitals.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import care.vitals.testsupport.FreePorts;
import care.vitals.testsupport.InfluxDb1Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the secrets of the install without Docker (docs/security.md, "Secrets as
 * files"): {@code deploy/systemd/install-credentials.sh} writes them from the
 * {@code .env} of {@code deploy/init.sh} as private files, and the real ingest, started
 * the way {@code vitals-ingest.service} starts it (its environment file, its
 * {@code Environment=} lines, its {@code LoadCredential=} files copied into a credentials
 * directory as systemd does, its {@code ExecStartPre} and {@code ExecStart}), logs into
 * the real Mosquitto 2 (shipped configuration, service account of
 * {@code deploy/devices.sh}) and the real InfluxDB 1.x (users of
 * {@code influxdb-v1-setup.sh}, authentication on) and opens its admin API with them,
 * while no secret is in its process environment. A placeholder or an empty credential
 * stops the unit before the service starts. No systemd runs on the build machine: the
 * unit is executed by this test, line by line; {@code systemd-analyze verify} checks its
 * syntax.
 */
class SystemdCredentialsIntegrationTests {

	private static final String INFLUX_ADMIN_PASSWORD = Deploy.randomSecret();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.createWithAuthentication("admin", INFLUX_ADMIN_PASSWORD);

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path repo;

	@Test
	void theIngestGetsItsSecretsAsCredentialsOnlyAndRefusesAPlaceholderOrEmptyOne() throws Exception {
		Path jar = Deploy.root().resolve("ingest-service/target/ingest-service.jar");
		assertThat(jar).as("build it first: ./mvnw -pl ingest-service,deploy-verification -am verify").isRegularFile();
		String mosquitto = Deploy.binary("mosquitto", "mosquitto");
		Deploy.binary("openssl", "openssl");
		Deploy.binary("python3", "python3");
		Deploy.scratchCopy(this.repo);
		Deploy.Result init = Deploy.run(this.repo, "bash", "deploy/init.sh");
		assertThat(init.ok()).as(init.output()).isTrue();
		Map<String, String> env = Deploy.readEnv(this.repo.resolve(".env"));

		// /etc/vitals/credentials: private files, named like the variables
		Path credentials = this.repo.resolve("etc-vitals-credentials");
		// (Grafana's file is GrafanaCredentialIntegrationTests's: kept out of
		// /etc/grafana
		// on a machine that has Grafana installed.)
		Deploy.Result installed = Deploy.run(this.repo, "bash", "deploy/systemd/install-credentials.sh", "--dir",
				credentials.toString(), "--grafana-dir", this.repo.resolve("etc-grafana-secrets").toString(),
				"--grafana-group", "no-such-group-vitals", "--telegraf-group", "no-such-group-vitals");
		assertThat(installed.ok()).as(installed.output()).isTrue();
		assertThat(mode(credentials)).isEqualTo("rwx------");
		assertThat(mode(credentials.resolve("ingest"))).isEqualTo("rwx------");
		assertThat(credentials.resolve("ingest/MQTT_PASSWORD")).hasContent(env.get("MQTT_INGEST_PASSWORD"));
		assertThat(credentials.resolve("ingest/INFLUX_PASSWORD")).hasContent(env.get("INFLUX_INGEST_PASSWORD"));
		assertThat(credentials.resolve("ingest/INGEST_ADMIN_PASSWORD")).hasContent(env.get("INGEST_ADMIN_PASSWORD"));
		assertThat(mode(credentials.resolve("ingest/MQTT_PASSWORD"))).isEqualTo("rw-------");
		assertThat(credentials.resolve("publisher")).as("a ward has no simulator account").doesNotExist();
		List<String> examples = new ArrayList<>();
		for (String unit : List.of("ingest", "publisher")) {
			examples.addAll(Deploy.readEnv(Deploy.root().resolve("deploy/systemd/" + unit + ".env.example")).keySet());
		}
		assertThat(examples).as("the environment files hold no secret").noneMatch(Deploy::isSecret);

		// the broker and the database of docs/deployment.md, "Without Docker"
		int mqttPort = FreePorts.one();
		Process broker = startMosquitto(mosquitto, mqttPort);
		Map<String, String> setupEnv = new HashMap<>(env);
		setupEnv.put("INFLUX_URL", influx.url());
		setupEnv.put("INFLUX_ADMIN_PASSWORD", INFLUX_ADMIN_PASSWORD);
		Deploy.Result setup = Deploy.run(Deploy.root(), setupEnv, Duration.ofMinutes(1), "bash",
				"deploy/systemd/influxdb-v1-setup.sh");
		assertThat(setup.ok()).as(setup.output()).isTrue();

		Unit unit = Unit.read(Deploy.root().resolve("deploy/systemd/vitals-ingest.service"));
		Path credentialsDirectory = Files.createDirectories(this.repo.resolve("run-credentials/vitals-ingest.service"));
		for (Map.Entry<String, String> credential : unit.credentials().entrySet()) {
			Path source = Path.of(credential.getValue().replace("/etc/vitals/credentials/", credentials + "/"));
			Files.copy(source, credentialsDirectory.resolve(credential.getKey()));
		}
		int serverPort = FreePorts.one();
		Map<String, String> environment = new LinkedHashMap<>();
		System.getenv().keySet().forEach((key) -> environment.put(key, ""));
		environment.put("PATH", System.getenv("PATH"));
		environment.putAll(Deploy.readEnv(Deploy.root().resolve("deploy/systemd/ingest.env.example")));
		environment.put("MQTT_URL", "tcp://127.0.0.1:" + mqttPort);
		environment.put("INFLUX_URL", influx.url());
		environment.put("SPOOL_DIR", this.repo.resolve("state/spool").toString());
		environment.put("SERVER_PORT", String.valueOf(serverPort));
		unit.environment()
			.forEach((key, value) -> environment.put(key, value.replace("%d", credentialsDirectory.toString())
				.replace("/var/lib/vitals-ingest/", this.repo.resolve("state") + "/")));
		environment.put("CREDENTIALS_DIRECTORY", credentialsDirectory.toString());
		List<String> secrets = List.of(env.get("MQTT_INGEST_PASSWORD"), env.get("INFLUX_INGEST_PASSWORD"),
				env.get("INGEST_ADMIN_PASSWORD"));
		assertThat(environment.values()).as("no secret in the unit's environment").doesNotContainAnyElementsOf(secrets);

		Deploy.Result pre = Deploy.run(this.repo, environment, Duration.ofSeconds(20), unit.command("ExecStartPre"));
		assertThat(pre.ok()).as(pre.output()).isTrue();
		String[] start = unit.command("ExecStart");
		start[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		start[start.length - 1] = jar.toString();
		ProcessBuilder builder = new ProcessBuilder(start).directory(this.repo.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.repo.resolve("ingest.log").toFile());
		builder.environment().clear();
		environment.forEach((key, value) -> {
			if (!value.isEmpty()) {
				builder.environment().put(key, value);
			}
		});
		Process ingest = builder.start();
		try {
			String base = "http://127.0.0.1:" + serverPort;
			long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
			// ready = logged into Mosquitto with MQTT_PASSWORD and subscribed
			while (!get(base + "/actuator/health/readiness", null).contains("\"UP\"")) {
				assertThat(ingest.isAlive()).as(Files.readString(this.repo.resolve("ingest.log"))).isTrue();
				assertThat(System.nanoTime()).as(Files.readString(this.repo.resolve("ingest.log")))
					.isLessThan(deadline);
				Thread.sleep(500);
			}
			// the admin API opens with INGEST_ADMIN_PASSWORD, and InfluxDB takes the
			// ingest's writes with INFLUX_PASSWORD (a refused login would be DOWN, 401)
			String admin = "admin:" + env.get("INGEST_ADMIN_PASSWORD");
			String health = "";
			while (!up("influx", health)) {
				assertThat(System.nanoTime()).as(health).isLessThan(deadline);
				Thread.sleep(500);
				health = get(base + "/actuator/health", admin);
			}
			assertThat(up("mqtt", health)).as(health).isTrue();
			String processEnvironment = Files.readString(Path.of("/proc/" + ingest.pid() + "/environ"),
					StandardCharsets.ISO_8859_1);
			assertThat(processEnvironment).doesNotContain(secrets).doesNotContain("PASSWORD=");
		}
		finally {
			ingest.destroy();
			broker.destroy();
		}

		// a placeholder in a credential: the unit stops at ExecStartPre
		Files.writeString(credentialsDirectory.resolve("MQTT_PASSWORD"), "__GENERATED__");
		Deploy.Result refused = Deploy.run(this.repo, environment, Duration.ofSeconds(20),
				unit.command("ExecStartPre"));
		assertThat(refused.exitCode()).as(refused.output()).isEqualTo(78);
		assertThat(refused.output()).contains("credential MQTT_PASSWORD");
		Files.writeString(credentialsDirectory.resolve("MQTT_PASSWORD"), "");
		Deploy.Result empty = Deploy.run(this.repo, environment, Duration.ofSeconds(20), unit.command("ExecStartPre"));
		assertThat(empty.exitCode()).as(empty.output()).isEqualTo(78);
	}

	/**
	 * Every unit and timer of {@code deploy/systemd} passes {@code systemd-analyze
	 * verify}; only what this build machine lacks may be reported (no /opt/vitals, no
	 * docker.service).
	 */
	@Test
	void systemdAcceptsEveryUnit() throws IOException {
		String analyze = Deploy.binary("systemd-analyze", "systemd");
		List<Path> units;
		try (java.util.stream.Stream<Path> files = Files.list(Deploy.root().resolve("deploy/systemd"))) {
			units = files.filter((file) -> file.toString().matches(".*\\.(service|timer)")).sorted().toList();
		}
		assertThat(units).hasSizeGreaterThanOrEqualTo(8);
		for (Path unit : units) {
			Deploy.Result verify = Deploy.run(Deploy.root(), Map.of(), Duration.ofMinutes(1), analyze, "verify",
					"--man=no", unit.toString());
			List<String> problems = verify.output()
				.lines()
				.filter((line) -> !line.isBlank())
				.filter((line) -> !line.matches(".*Command /opt/vitals/\\S+ is not executable: No such file.*"))
				.filter((line) -> !line.contains("Unit docker.service not found"))
				.toList();
			// systemd 252 reports an unknown key (e.g. LoadCredential misspelt) and goes
			// on
			assertThat(problems).as(unit.getFileName().toString()).isEmpty();
		}
	}

	/**
	 * The nightly backups run at 02:30 (plus up to 15 min), catch up after downtime and
	 * are encrypted: neither service passes {@code --unencrypted}; the install without
	 * Docker names its certificate.
	 */
	@Test
	void theBackupTimersRunNightlyAndEncrypted() throws IOException {
		for (String name : List.of("vitals-backup", "vitals-compose-backup")) {
			Unit timer = Unit.read(Deploy.root().resolve("deploy/systemd/" + name + ".timer"));
			assertThat(timer.value("OnCalendar")).isEqualTo("*-*-* 02:30:00");
			assertThat(timer.value("Persistent")).isEqualTo("true");
			assertThat(timer.value("WantedBy")).isEqualTo("timers.target");
			Unit service = Unit.read(Deploy.root().resolve("deploy/systemd/" + name + ".service"));
			assertThat(service.value("ExecStart")).startsWith("/opt/vitals/deploy/backup.sh")
				.doesNotContain("--unencrypted");
		}
		Unit v1 = Unit.read(Deploy.root().resolve("deploy/systemd/vitals-backup.service"));
		assertThat(v1.value("ExecStart")).contains("--influx-v1");
		assertThat(v1.environment()).containsEntry("BACKUP_RECIPIENT_CERT", "/etc/vitals/backup-recipient.pem");
	}

	/**
	 * The nightly backup of the install without Docker copies what the unit keeps: its
	 * credentials (under /etc/vitals) and the ward station's accounts file; restoring
	 * them is tested with the real InfluxDB 1.x in
	 * {@link InfluxDbV1BackupRestoreIntegrationTests}.
	 */
	@Test
	void theNightlyBackupCopiesTheUnitsCredentialsAndAccounts() throws IOException {
		Unit unit = Unit.read(Deploy.root().resolve("deploy/systemd/vitals-ingest.service"));
		String backup = Files.readString(Deploy.root().resolve("deploy/backup.sh"));
		java.util.regex.Matcher defaults = Pattern.compile("local defaults=\"([^\"]+)\"").matcher(backup);
		assertThat(defaults.find()).isTrue();
		List<String> paths = List.of(defaults.group(1).split(" "));
		assertThat(paths).contains(unit.environment().get("ACCOUNTS_FILE"), "/etc/vitals");
		assertThat(unit.credentials().values()).allMatch((path) -> path.startsWith("/etc/vitals/"));
		assertThat(unit.environment().get("ACCOUNTS_FILE"))
			.startsWith("/var/lib/" + unit.value("StateDirectory") + "/");
	}

	private Process startMosquitto(String mosquitto, int localPort) throws Exception {
		Path tls = this.repo.resolve("deploy/secrets/tls");
		Path confDir = Files.createDirectories(this.repo.resolve("etc-mosquitto-vitals"));
		for (Path file : List.of(tls.resolve("ca.crt"), tls.resolve("server.crt"), tls.resolve("server.key"),
				tls.resolve("ca.crl"), this.repo.resolve("deploy/secrets/mosquitto/passwd"),
				this.repo.resolve("deploy/mosquitto/acl-devices"),
				this.repo.resolve("deploy/mosquitto/acl-services"))) {
			Files.copy(file, confDir.resolve(file.getFileName()));
		}
		Path data = Files.createDirectories(this.repo.resolve("mosquitto-data"));
		String config = Files.readString(this.repo.resolve("deploy/mosquitto/vitals.conf"))
			.replace("/etc/mosquitto/vitals/", confDir + "/")
			.replace("listener 8883\n", "listener " + FreePorts.one() + "\n")
			.replace("listener 1883 127.0.0.1\n", "listener " + localPort + " 127.0.0.1\n");
		config += "\npersistence_location " + data + "/\nuser " + System.getProperty("user.name") + "\n";
		Path configFile = this.repo.resolve("mosquitto-test.conf");
		Files.writeString(configFile, config);
		Path log = this.repo.resolve("mosquitto.log");
		Process broker = new ProcessBuilder(mosquitto, "-c", configFile.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!FreePorts.listening(localPort)) {
			assertThat(broker.isAlive()).as(Files.readString(log)).isTrue();
			assertThat(System.nanoTime()).as("broker did not listen").isLessThan(deadline);
			Thread.sleep(50);
		}
		return broker;
	}

	private String get(String url, String credentials) throws InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** Whether a component of /actuator/health is UP ({@code details} come first). */
	private static boolean up(String component, String health) {
		return Pattern.compile("\"" + component + "\":\\{(\"details\":\\{[^{}]*\\},)?\"status\":\"UP\"")
			.matcher(health)
			.find();
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	/**
	 * The lines of a systemd unit this test executes.
	 *
	 * @param lines the unit's lines
	 */
	private record Unit(List<String> lines) {

		static Unit read(Path file) throws IOException {
			return new Unit(Files.readAllLines(file));
		}

		/** {@code LoadCredential=ID:PATH} lines: ID -> PATH. */
		Map<String, String> credentials() {
			Map<String, String> credentials = new LinkedHashMap<>();
			values("LoadCredential").forEach((value) -> credentials.put(value.substring(0, value.indexOf(':')),
					value.substring(value.indexOf(':') + 1)));
			assertThat(credentials).isNotEmpty();
			return credentials;
		}

		/** {@code Environment=NAME=VALUE} lines. */
		Map<String, String> environment() {
			Map<String, String> environment = new LinkedHashMap<>();
			values("Environment").forEach((value) -> environment.put(value.substring(0, value.indexOf('=')),
					value.substring(value.indexOf('=') + 1)));
			return environment;
		}

		/**
		 * The single command of {@code ExecStart=} or {@code ExecStartPre=}, in words.
		 */
		String[] command(String key) {
			List<String> values = values(key);
			assertThat(values).as(key).hasSize(1);
			return values.get(0).replace("/opt/vitals/deploy/", Deploy.root() + "/deploy/").split(" ");
		}

		String value(String key) {
			List<String> values = values(key);
			assertThat(values).as(key).hasSize(1);
			return values.get(0);
		}

		private List<String> values(String key) {
			return this.lines.stream()
				.filter((line) -> line.startsWith(key + "="))
				.map((line) -> line.substring(key.length() + 1))
				.toList();
		}

	}

}
