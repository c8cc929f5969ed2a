package care.vitals.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies {@code deploy/init.sh} on a scratch copy of the repository: it writes a
 * complete {@code .env} (mode 600) with no empty secret and no placeholder left, a CA, a
 * server certificate and device certificates that {@code openssl verify} accepts, and a
 * second run changes no secret, key or certificate. The hospital's alert routing comes
 * from init.sh's environment (as an installer passes it); without it init.sh says what is
 * missing and compose refuses the {@code .env}; malformed values are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitScriptIntegrationTests {

	private static final Duration INIT_TIMEOUT = Duration.ofMinutes(3);

	private static final String SMTP_PASSWORD = "relay;pass word";

	private static final String OIDC_CLIENT_SECRET = "provider-issued-client-secret-1";

	@TempDir
	static Path repo;

	private String openssl;

	private String dockerCompose;

	private Deploy.Result firstRun;

	@BeforeAll
	void runInit() {
		this.openssl = Deploy.binary("openssl", "openssl");
		this.dockerCompose = Deploy.binary("docker-compose", "docker-compose");
		Deploy.binary("python3", "python3");
		Deploy.scratchCopy(repo);
		Map<String, String> environment = new HashMap<>(ComposeFileIntegrationTests.ALERT_SETTINGS);
		environment.put("SMTP_USER", "vitals-nuc");
		environment.put("SMTP_PASSWORD", SMTP_PASSWORD);
		environment.put("STATION_OIDC_CLIENT_SECRET", OIDC_CLIENT_SECRET);
		this.firstRun = Deploy.run(repo, environment, INIT_TIMEOUT, "bash", "deploy/init.sh", "--hostname",
				"nuc-test.example");
	}

	@Test
	void takesTheAlertRoutingFromItsEnvironmentAndComposeAcceptsTheEnv() throws Exception {
		assertThat(this.firstRun.ok()).as(this.firstRun.output()).isTrue();
		assertThat(this.firstRun.output()).doesNotContain("ALERT ROUTING NOT SET");
		Map<String, String> values = Deploy.readEnv(repo.resolve(".env"));
		ComposeFileIntegrationTests.ALERT_SETTINGS
			.forEach((key, value) -> assertThat(values).as(key).containsEntry(key, value));
		assertThat(values).containsEntry("SMTP_USER", "vitals-nuc").doesNotContainKey("SMTP_PASSWORD");
		assertThat(Files.readString(repo.resolve(".env"))).doesNotContain(SMTP_PASSWORD);
		Path password = repo.resolve("deploy/secrets/grafana/smtp-password");
		assertThat(password).hasContent(SMTP_PASSWORD);
		// Grafana (uid 472) reads it through the secret's bind mount; deploy/secrets is
		// 700.
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-r--r--");
		// the ward station's OpenID Connect client secret: a file for the ingest (uid
		// 10001), never in .env
		Path clientSecret = repo.resolve("deploy/secrets/station/oidc-client-secret");
		assertThat(clientSecret).hasContent(OIDC_CLIENT_SECRET);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clientSecret))).isEqualTo("rw-r--r--");
		assertThat(Files.readString(repo.resolve(".env"))).doesNotContain(OIDC_CLIENT_SECRET);
		Deploy.Result config = Deploy.run(repo, Map.of(), Duration.ofMinutes(1), this.dockerCompose, "config", "-q");
		assertThat(config.ok()).as(config.output()).isTrue();
	}

	@Test
	void withoutTheAlertRoutingSaysWhatIsMissingAndComposeRefusesToStart(@TempDir Path other) throws Exception {
		Deploy.scratchCopy(other);
		Deploy.Result init = Deploy.run(other, withoutAlertSettings(), INIT_TIMEOUT, "bash", "deploy/init.sh");
		assertThat(init.ok()).as(init.output()).isTrue();
		assertThat(init.output()).contains("ALERT ROUTING NOT SET")
			.contains(ComposeFileIntegrationTests.ALERT_SETTINGS.keySet());
		Map<String, String> values = Deploy.readEnv(other.resolve(".env"));
		ComposeFileIntegrationTests.ALERT_SETTINGS.keySet()
			.forEach((key) -> assertThat(values).as(key).containsEntry(key, ""));
		assertThat(other.resolve("deploy/secrets/grafana/smtp-password")).isEmptyFile();
		assertThat(other.resolve("deploy/secrets/station/oidc-client-secret")).as("no single sign-on").isEmptyFile();
		Deploy.Result refused = Deploy.run(other, Map.of(), Duration.ofMinutes(1), this.dockerCompose, "config", "-q");
		assertThat(refused.ok()).isFalse();
		assertThat(refused.output()).contains("set ALERT_WEBHOOK_URL in .env");

		// Filling them in later (here: through the environment of a rerun) keeps every
		// secret and makes the .env acceptable.
		String secret = values.get("GRAFANA_ADMIN_PASSWORD");
		Deploy.Result rerun = Deploy.run(other, ComposeFileIntegrationTests.ALERT_SETTINGS, INIT_TIMEOUT, "bash",
				"deploy/init.sh");
		assertThat(rerun.ok()).as(rerun.output()).isTrue();
		assertThat(Deploy.readEnv(other.resolve(".env"))).containsEntry("GRAFANA_ADMIN_PASSWORD", secret)
			.containsAllEntriesOf(ComposeFileIntegrationTests.ALERT_SETTINGS);
		Deploy.Result accepted = Deploy.run(other, Map.of(), Duration.ofMinutes(1), this.dockerCompose, "config", "-q");
		assertThat(accepted.ok()).as(accepted.output()).isTrue();
	}

	@Test
	void refusesMalformedAlertSettingsAndKeepsTheEnv() throws Exception {
		String before = Files.readString(repo.resolve(".env"));
		Map<String, String> malformed = Map.of("ALERT_EMAIL_ADDRESSES", "ward team", "ALERT_WEBHOOK_URL", "__SET_ME__",
				"SMTP_HOST", "smtp.hospital.invalid", "SMTP_FROM_ADDRESS", "vitals");
		for (Map.Entry<String, String> entry : malformed.entrySet()) {
			Deploy.Result result = Deploy.run(repo, Map.of(entry.getKey(), entry.getValue()), INIT_TIMEOUT, "bash",
					"deploy/init.sh");
			assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
			assertThat(result.output()).contains(entry.getKey() + "='" + entry.getValue() + "' is malformed");
			assertThat(Files.readString(repo.resolve(".env"))).isEqualTo(before);
		}
	}

	@Test
	void writesACompleteEnvWithFreshSecretsAndMode600() throws Exception {
		assertThat(this.firstRun.ok()).as(this.firstRun.output()).isTrue();
		Path env = repo.resolve(".env");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
		Map<String, String> example = Deploy.readEnv(repo.resolve(".env.example"));
		Map<String, String> values = Deploy.readEnv(env);
		assertThat(values).containsOnlyKeys(example.keySet());
		List<String> generated = example.keySet().stream().filter(Deploy::isSecret).toList();
		generated.forEach((key) -> {
			assertThat(example.get(key)).as(key + " in the template").isEmpty();
			assertThat(values.get(key)).as(key).matches("[0-9a-f]{48}");
		});
		assertThat(generated).contains("EMQX_DASHBOARD_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "INFLUX_ADMIN_PASSWORD",
				"INFLUX_ADMIN_TOKEN", "MQTT_INGEST_PASSWORD", "EMQX_NODE_COOKIE", "GRAFANA_SECRET_KEY",
				"EMQX_API_SECRET");
		assertThat(generated.stream().map(values::get).distinct()).hasSameSizeAs(generated);
		assertThat(values).containsEntry("NUC_HOSTNAME", "nuc-test.example");
		// Each secret also as a file, the containers' Docker secret (read by their own
		// users through the bind mount; deploy/secrets is 700).
		for (String key : generated) {
			Path file = repo.resolve("deploy/secrets/env/" + key);
			assertThat(file).as(key).hasContent(values.get(key));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
		}
		// init.sh's rule for what it generates is the tests' (Deploy.isSecret).
		assertThat(Files.readString(repo.resolve("deploy/init.sh")))
			.contains("SECRET_KEY='_(PASSWORD|TOKEN|SECRET|SECRET_KEY|COOKIE)$'");
	}

	@Test
	void replacesAPlaceholderOrDefaultLeftInTheEnvAndWarns(@TempDir Path other) throws Exception {
		Deploy.scratchCopy(other);
		// An .env made by hand from an older template, or edited to a "temporary" value.
		StringBuilder env = new StringBuilder();
		Deploy.readEnv(other.resolve(".env.example"))
			.forEach((key, value) -> env.append(key)
				.append('=')
				.append(Deploy.isSecret(key) ? "__GENERATED__" : value)
				.append('\n'));
		Files.writeString(other.resolve(".env"),
				env.toString().replace("GRAFANA_ADMIN_PASSWORD=__GENERATED__", "GRAFANA_ADMIN_PASSWORD=changeme"));
		Deploy.Result init = Deploy.run(other, ComposeFileIntegrationTests.ALERT_SETTINGS, INIT_TIMEOUT, "bash",
				"deploy/init.sh");
		assertThat(init.ok()).as(init.output()).isTrue();
		assertThat(init.output()).contains("WARNING: ", "GRAFANA_ADMIN_PASSWORD", "INFLUX_ADMIN_TOKEN",
				"held a placeholder or well-known default", "docs/security.md");
		Map<String, String> values = Deploy.readEnv(other.resolve(".env"));
		values.forEach((key, value) -> {
			if (Deploy.isSecret(key)) {
				assertThat(value).as(key).matches("[0-9a-f]{48}");
			}
		});
		assertThat(values.values()).doesNotContain("__GENERATED__", "changeme");
		Deploy.Result config = Deploy.run(other, Map.of(), Duration.ofMinutes(1), this.dockerCompose, "config", "-q");
		assertThat(config.ok()).as(config.output()).isTrue();
	}

	@Test
	void aWardNucGetsNoSimulatorNoPublisherAccountAndNoDemoRouting(@TempDir Path other) throws Exception {
		Deploy.scratchCopy(other);
		Deploy.Result first = Deploy.run(other, ComposeFileIntegrationTests.ALERT_SETTINGS, INIT_TIMEOUT, "bash",
				"deploy/init.sh");
		assertThat(first.ok()).as(first.output()).isTrue();
		assertThat(Deploy.readEnv(other.resolve(".env"))).containsEntry("COMPOSE_PROFILES", "");
		assertThat(accounts(other)).contains("ingest", "sim-monitor-001").doesNotContain("publisher");
		// A NUC set up by the previous init.sh, which wrote COMPOSE_PROFILES=simulation.
		Path env = other.resolve(".env");
		Files.writeString(env, Files.readString(env).replace("COMPOSE_PROFILES=\n", "COMPOSE_PROFILES=simulation\n"));
		Deploy.Result rerun = Deploy.run(other, withoutAlertSettings(), INIT_TIMEOUT, "bash", "deploy/init.sh");
		assertThat(rerun.ok()).as(rerun.output()).isTrue();
		assertThat(rerun.output()).contains("docker compose rm --stop --force publisher");
		assertThat(Deploy.readEnv(env)).containsEntry("COMPOSE_PROFILES", "");
		assertThat(accounts(other)).doesNotContain("publisher");
	}

	@Test
	void demoTurnsOnTheSimulatorAndTheCatchersAndAWardRerunTurnsThemOff(@TempDir Path other) throws Exception {
		Deploy.scratchCopy(other);
		Deploy.Result demo = Deploy.run(other, withoutAlertSettings(), INIT_TIMEOUT, "bash", "deploy/init.sh",
				"--demo");
		assertThat(demo.ok()).as(demo.output()).isTrue();
		assertThat(demo.output()).contains("DEMO box", "never connect real devices").doesNotContain("NOT SET");
		Map<String, String> values = Deploy.readEnv(other.resolve(".env"));
		assertThat(values).containsEntry("COMPOSE_PROFILES", "simulation,demo")
			.containsEntry("ALERT_WEBHOOK_URL", "http://webhook-catcher:8080/grafana")
			.containsEntry("SMTP_HOST", "mail-catcher:1025");
		assertThat(accounts(other)).contains("ingest", "publisher");
		// The catchers and the publisher are services of the compose file, in the demo's
		// network, on the ports init.sh points the alerts at.
		Deploy.Result config = Deploy.run(other, Map.of(), Duration.ofMinutes(1), this.dockerCompose, "config");
		assertThat(config.ok()).as(config.output()).isTrue();
		Map<String, Map<String, Object>> services = ComposeFileIntegrationTests.services(config.output());
		assertThat(services).containsKeys("publisher", "mail-catcher", "webhook-catcher");
		assertThat(String.valueOf(services.get("webhook-catcher").get("environment"))).contains("HTTP_PORT=8080");
		assertThat(String.valueOf(services.get("grafana").get("environment")))
			.contains("GF_SMTP_HOST=mail-catcher:1025");

		// Back to a ward: both profiles, the publisher account and the demo routing go.
		Deploy.Result ward = Deploy.run(other, withoutAlertSettings(), INIT_TIMEOUT, "bash", "deploy/init.sh");
		assertThat(ward.ok()).as(ward.output()).isTrue();
		assertThat(ward.output()).contains("ALERT ROUTING NOT SET", "demo's catchers dropped");
		values = Deploy.readEnv(other.resolve(".env"));
		assertThat(values).containsEntry("COMPOSE_PROFILES", "")
			.containsEntry("ALERT_WEBHOOK_URL", "")
			.containsEntry("SMTP_HOST", "");
		assertThat(accounts(other)).doesNotContain("publisher");
		Deploy.Result refused = Deploy.run(other, Map.of(), Duration.ofMinutes(1), this.dockerCompose, "config", "-q");
		assertThat(refused.ok()).isFalse();
	}

	/**
	 * The user names of the EMQX bootstrap files (devices, services) and the Mosquitto
	 * password file (services, and {@code telegraf}, which reads Mosquitto's drop
	 * counters: devices authenticate by certificate there).
	 */
	private static List<String> accounts(Path repo) throws Exception {
		List<String> devices = users(repo.resolve("deploy/secrets/emqx/auth-bootstrap.csv"));
		List<String> services = users(repo.resolve("deploy/secrets/emqx/services-bootstrap.csv"));
		List<String> mosquitto = Files.readAllLines(repo.resolve("deploy/secrets/mosquitto/passwd"))
			.stream()
			.map((line) -> line.substring(0, line.indexOf(':')))
			.toList();
		List<String> mosquittoAccounts = new ArrayList<>(services);
		mosquittoAccounts.add("telegraf");
		assertThat(mosquitto).containsExactlyElementsOf(mosquittoAccounts);
		assertThat(devices).doesNotContainAnyElementsOf(services);
		List<String> all = new ArrayList<>(services);
		all.addAll(devices);
		return all;
	}

	private static List<String> users(Path bootstrap) throws Exception {
		return Files.readAllLines(bootstrap)
			.stream()
			.skip(1)
			.map((line) -> line.substring(0, line.indexOf(',')))
			.toList();
	}

	@Test
	void certificatesVerifyAgainstTheGeneratedCa() throws Exception {
		Path tls = repo.resolve("deploy/secrets/tls");
		List<String> command = new ArrayList<>(List.of(this.openssl, "verify", "-CAfile", "ca.crt", "server.crt"));
		try (Stream<Path> devices = Files.list(tls.resolve("devices"))) {
			devices.filter((file) -> file.toString().endsWith(".crt"))
				.forEach((file) -> command.add("devices/" + file.getFileName()));
		}
		assertThat(command).contains("devices/sim-monitor-001.crt");
		Deploy.Result verify = Deploy.run(tls, command.toArray(String[]::new));
		assertThat(verify.ok()).as(verify.output()).isTrue();
		assertThat(verify.output().lines()).allMatch((line) -> line.endsWith(": OK"));

		Deploy.Result server = Deploy.run(tls, this.openssl, "x509", "-in", "server.crt", "-noout", "-ext",
				"subjectAltName,extendedKeyUsage");
		assertThat(server.output()).contains("DNS:nuc-test.example", "DNS:emqx", "IP Address:127.0.0.1",
				"TLS Web Server Authentication");
		Deploy.Result device = Deploy.run(tls, this.openssl, "x509", "-in", "devices/sim-monitor-001.crt", "-noout",
				"-subject", "-ext", "extendedKeyUsage");
		assertThat(device.output()).contains("CN = sim-monitor-001", "TLS Web Client Authentication");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("ca.key"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repo.resolve("deploy/secrets"))))
			.isEqualTo("rwx------");
	}

	@Test
	void secondRunOverwritesNoSecretKeyOrCertificate() throws Exception {
		Map<Path, String> before = snapshot();
		Deploy.Result second = Deploy.run(repo, withoutAlertSettings(), INIT_TIMEOUT, "bash", "deploy/init.sh");
		assertThat(second.ok()).as(second.output()).isTrue();
		assertThat(second.output()).contains("0 new secret(s)").doesNotContain("created CA");
		Map<Path, String> after = snapshot();
		// Hashes are salted afresh and the CRL is signed afresh (its next update moves
		// on)
		// on every run; everything else must be identical.
		before.keySet()
			.removeIf((file) -> file.endsWith("auth-bootstrap.csv") || file.endsWith("services-bootstrap.csv")
					|| file.endsWith("passwd") || file.endsWith("ca.crl") || file.toString().contains("/ca-db/"));
		before.forEach((file, content) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(content));
	}

	@Test
	void emqxApiKeyFileUsesTheEnvSecret() throws Exception {
		String secret = Deploy.readEnv(repo.resolve(".env")).get("EMQX_API_SECRET");
		assertThat(Files.readString(repo.resolve("deploy/secrets/emqx/api-keys.txt")))
			.isEqualTo("vitals-ops:" + secret + ":administrator\n");
	}

	/**
	 * Empty values for the alert settings and the SMTP password, so that none leaks in
	 * from the environment of the build.
	 */
	private static Map<String, String> withoutAlertSettings() {
		Map<String, String> environment = new HashMap<>();
		ComposeFileIntegrationTests.ALERT_SETTINGS.keySet().forEach((key) -> environment.put(key, ""));
		environment.put("SMTP_USER", "");
		environment.put("SMTP_PASSWORD", "");
		environment.put("STATION_OIDC_CLIENT_SECRET", "");
		return environment;
	}

	private Map<Path, String> snapshot() throws Exception {
		Map<Path, String> files = new HashMap<>();
		files.put(repo.resolve(".env"), Files.readString(repo.resolve(".env")));
		try (Stream<Path> secrets = Files.walk(repo.resolve("deploy/secrets"))) {
			for (Path file : (Iterable<Path>) secrets.filter(Files::isRegularFile)::iterator) {
				files.put(file, java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
			}
		}
		return files;
	}

}
