package care.vitals.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies {@code deploy/devices.sh}: the inventory becomes EMQX's bootstrap file and
 * Mosquitto's password file with salted hashes that verify against the generated
 * passwords (recomputed here with the JDK's PBKDF2), passwords survive a rerun, and an
 * inventory with an illegal device id is refused without writing anything.
 */
class DevicesScriptIntegrationTests {

	private static final String INGEST_PASSWORD = "ingest-secret-1";

	private static final String PUBLISHER_PASSWORD = "publisher-secret-2";

	private static final String TELEGRAF_PASSWORD = "telegraf-secret-3";

	@TempDir
	Path repo;

	private Path secrets;

	@BeforeEach
	void setUp() throws Exception {
		Deploy.binary("openssl", "openssl");
		Deploy.binary("python3", "python3");
		Deploy.scratchCopy(this.repo);
		Files.writeString(this.repo.resolve(".env"),
				"MQTT_INGEST_PASSWORD=" + INGEST_PASSWORD + "\nMQTT_PUBLISHER_PASSWORD=" + PUBLISHER_PASSWORD
						+ "\nMQTT_TELEGRAF_PASSWORD=" + TELEGRAF_PASSWORD + "\n");
		this.secrets = this.repo.resolve("deploy/secrets");
	}

	@Test
	void bootstrapHashesVerifyAgainstTheGeneratedPasswords() throws Exception {
		inventory("device_id,kind", "bed-1.monitor,monitor", "  pump_7  ,pump", "# a comment", "", "X-9,scale");
		Deploy.Result result = devices();
		assertThat(result.ok()).as(result.output()).isTrue();

		Map<String, String> passwords = passwords();
		assertThat(passwords).containsOnlyKeys("bed-1.monitor", "pump_7", "X-9");
		assertThat(passwords.values()).allMatch((password) -> password.matches("[0-9a-f]{32}")).doesNotHaveDuplicates();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordsFile())))
			.isEqualTo("rw-------");

		// Devices on the device listener only, service accounts on the internal one only.
		verifyEmqxBootstrap("emqx/auth-bootstrap.csv", passwords);
		verifyEmqxBootstrap("emqx/services-bootstrap.csv", Map.of("ingest", INGEST_PASSWORD));

		// Mosquitto's internal listener also has `telegraf` (reads two $SYS counters).
		Map<String, String> mosquittoAccounts = Map.of("ingest", INGEST_PASSWORD, "telegraf", TELEGRAF_PASSWORD);
		Pattern mosquitto = Pattern.compile("([^:]+):\\$7\\$(\\d+)\\$([^$]+)\\$(.+)");
		List<String> passwd = Files.readAllLines(this.secrets.resolve("mosquitto/passwd"));
		assertThat(passwd).hasSize(2);
		for (String line : passwd) {
			Matcher matcher = mosquitto.matcher(line);
			assertThat(matcher.matches()).as(line).isTrue();
			assertThat(mosquittoAccounts).containsKey(matcher.group(1));
			byte[] hash = pbkdf2("PBKDF2WithHmacSHA512", mosquittoAccounts.get(matcher.group(1)),
					Base64.getDecoder().decode(matcher.group(3)), Integer.parseInt(matcher.group(2)), 64);
			assertThat(Base64.getEncoder().encodeToString(hash)).isEqualTo(matcher.group(4));
		}
	}

	private void verifyEmqxBootstrap(String file, Map<String, String> expected) throws Exception {
		List<String> bootstrap = Files.readAllLines(this.secrets.resolve(file));
		assertThat(bootstrap.get(0)).isEqualTo("user_id,password_hash,salt,is_superuser");
		assertThat(bootstrap).as(file).hasSize(expected.size() + 1);
		int iterations = emqxIterations();
		for (String line : bootstrap.subList(1, bootstrap.size())) {
			String[] columns = line.split(",");
			assertThat(columns).hasSize(4);
			assertThat(columns[3]).as("no superuser").isEqualTo("false");
			String password = expected.get(columns[0]);
			assertThat(password).as(columns[0]).isNotNull();
			assertThat(columns[2]).matches("[0-9a-f]{32}");
			// EMQX: hex(PBKDF2(sha256, password, salt text, iterations, 32))
			assertThat(columns[1]).isEqualTo(HexFormat.of()
				.formatHex(pbkdf2("PBKDF2WithHmacSHA256", password, columns[2].getBytes(StandardCharsets.UTF_8),
						iterations, 32)));
			assertThat(pbkdf2Hex("wrong", columns[2], iterations)).isNotEqualTo(columns[1]);
		}
	}

	@Test
	void thePublisherAccountExistsOnlyWithTheSimulationProfile() throws Exception {
		inventory("mon-1");
		assertThat(devices().ok()).isTrue();
		assertThat(Files.readString(this.secrets.resolve("emqx/services-bootstrap.csv"))).doesNotContain("publisher");
		assertThat(Files.readString(this.secrets.resolve("mosquitto/passwd"))).doesNotContain("publisher");

		Files.writeString(this.repo.resolve(".env"), "COMPOSE_PROFILES=monitoring,simulation\n",
				java.nio.file.StandardOpenOption.APPEND);
		Deploy.Result simulation = devices();
		assertThat(simulation.ok()).as(simulation.output()).isTrue();
		assertThat(Files.readString(this.secrets.resolve("emqx/services-bootstrap.csv"))).contains("\npublisher,");
		assertThat(Files.readString(this.secrets.resolve("emqx/auth-bootstrap.csv"))).doesNotContain("publisher");
		assertThat(Files.readString(this.secrets.resolve("mosquitto/passwd"))).contains("\npublisher:");
	}

	@Test
	void refusesAPlaceholderServicePasswordAndWritesNothing() throws Exception {
		inventory("mon-1");
		for (String placeholder : List.of("__GENERATED__", "changeme")) {
			Files.writeString(this.repo.resolve(".env"), "MQTT_INGEST_PASSWORD=" + placeholder + "\n");
			Deploy.Result result = devices();
			assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
			assertThat(result.output()).contains("MQTT_INGEST_PASSWORD", "run deploy/init.sh");
			assertThat(this.secrets.resolve("emqx/auth-bootstrap.csv")).doesNotExist();
		}
	}

	@Test
	void rerunKeepsPasswordsAddsNewDevicesAndDropsRemovedOnes() throws Exception {
		inventory("mon-1", "mon-2");
		assertThat(devices().ok()).isTrue();
		Map<String, String> first = passwords();

		inventory("mon-2", "mon-3");
		Deploy.Result result = devices();
		assertThat(result.ok()).as(result.output()).isTrue();
		assertThat(result.output()).contains("removed from the inventory and revoked: mon-1");
		Map<String, String> second = passwords();
		assertThat(second).containsOnlyKeys("mon-2", "mon-3").containsEntry("mon-2", first.get("mon-2"));
		assertThat(Files.readString(this.secrets.resolve("emqx/auth-bootstrap.csv"))).doesNotContain("mon-1,");
	}

	/**
	 * Each device's PKCS#12 bundle has a random password of its own (never its MQTT
	 * password), a bundle of an older version is made again, and {@code --revoke} takes
	 * the device out of the inventory, puts its certificate into the CRL, deletes its key
	 * and never accepts its id again.
	 */
	@Test
	void bundlesHaveTheirOwnPasswordAndRevocationFillsTheCrl() throws Exception {
		Deploy.Result ca = Deploy.run(this.repo, "bash", "-c",
				"TLS_DIR=deploy/secrets/tls; source deploy/lib/tls.sh; umask 077; tls_ca");
		assertThat(ca.ok()).as(ca.output()).isTrue();
		inventory("device_id,kind", "mon-1,monitor", "mon-2,monitor");
		assertThat(devices().ok()).isTrue();
		Path tls = this.secrets.resolve("tls");
		for (String device : List.of("mon-1", "mon-2")) {
			String p12 = Files.readString(tls.resolve("devices/" + device + ".p12-password"));
			assertThat(p12).matches("[0-9a-f]{32}").isNotEqualTo(passwords().get(device));
			assertThat(PosixFilePermissions
				.toString(Files.getPosixFilePermissions(tls.resolve("devices/" + device + ".p12-password"))))
				.isEqualTo("rw-------");
			java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
			try (java.io.InputStream in = Files.newInputStream(tls.resolve("devices/" + device + ".p12"))) {
				keys.load(in, p12.toCharArray());
			}
			assertThat(keys.containsAlias(device)).isTrue();
		}
		assertThat(crl(tls)).contains("No Revoked Certificates");
		// A bundle of an older version (no password file) is made again.
		Files.delete(tls.resolve("devices/mon-2.p12-password"));
		assertThat(devices().ok()).isTrue();
		assertThat(tls.resolve("devices/mon-2.p12-password")).exists();

		String serial = Deploy
			.run(this.repo, "openssl", "x509", "-noout", "-serial", "-in", tls.resolve("devices/mon-1.crt").toString())
			.output()
			.strip()
			.replace("serial=", "");
		Deploy.Result revoked = Deploy.run(this.repo, "bash", "deploy/devices.sh", "--revoke", "mon-1");
		assertThat(revoked.ok()).as(revoked.output()).isTrue();
		assertThat(revoked.output()).contains("revoked the certificate of mon-1", "still connected until applied");
		assertThat(Files.readString(this.repo.resolve("deploy/devices.csv"))).doesNotContain("mon-1")
			.contains("mon-2,monitor");
		assertThat(crl(tls)).contains("Serial Number: " + serial).doesNotContain("No Revoked Certificates");
		assertThat(tls.resolve("devices/mon-1.key")).doesNotExist();
		assertThat(tls.resolve("devices/mon-1.p12")).doesNotExist();
		assertThat(passwords()).containsOnlyKeys("mon-2");
		assertThat(Files.readString(this.secrets.resolve("emqx/auth-bootstrap.csv"))).doesNotContain("mon-1");
		assertThat(Files.readAllLines(this.secrets.resolve("devices/revoked.txt"))).containsExactly("mon-1");

		inventory("mon-2", "mon-1");
		Deploy.Result again = devices();
		assertThat(again.exitCode()).as(again.output()).isEqualTo(2);
		assertThat(again.output()).contains("device id 'mon-1' was revoked; give the device a new id");
	}

	private String crl(Path tls) {
		Deploy.Result text = Deploy.run(this.repo, "openssl", "crl", "-noout", "-text", "-in",
				tls.resolve("ca.crl").toString());
		assertThat(text.ok()).as(text.output()).isTrue();
		return text.output();
	}

	@Test
	void illegalDeviceIdsAreRefusedAndNothingIsWritten() throws Exception {
		inventory("good-1");
		assertThat(devices().ok()).isTrue();
		String bootstrap = Files.readString(this.secrets.resolve("emqx/auth-bootstrap.csv"));

		for (String bad : List.of("bad/id", "dev+1", "dev#1", "two words", "ümlaut", "x".repeat(65), "ingest",
				"telegraf", "${clientid}")) {
			inventory("good-1", "good-2", bad + ",monitor");
			Deploy.Result result = devices();
			assertThat(result.exitCode()).as(bad).isEqualTo(2);
			assertThat(result.output()).as(bad).contains("devices.csv:3").contains("nothing was written");
			assertThat(Files.readString(this.secrets.resolve("emqx/auth-bootstrap.csv"))).isEqualTo(bootstrap);
			assertThat(passwords()).containsOnlyKeys("good-1");
		}
		inventory("dup", "dup");
		assertThat(devices().output()).contains("listed twice");
	}

	/**
	 * {@code sim-} is the prefix of every simulated device (publisher-service): a real
	 * device with such an id, in any case, is refused and nothing is written, and so is a
	 * simulated kind outside it; the simulator's own devices (kind {@code simulated-*},
	 * as in the shipped inventory) are enrolled, with a warning on a box without the
	 * simulation profile.
	 */
	@Test
	void theSimulatorsPrefixIsRefusedForARealDevice() throws Exception {
		inventory("mon-1,monitor");
		assertThat(devices().ok()).isTrue();
		String bootstrap = Files.readString(this.secrets.resolve("emqx/auth-bootstrap.csv"));

		for (String line : List.of("sim-monitor-004,monitor,ward-a/bed-4", "SIM-bed4,oximeter", "Sim-x",
				"sim-monitor-005,,ward-a/bed-5", "bed-4-monitor,simulated-monitor")) {
			inventory("mon-1,monitor", line);
			Deploy.Result result = devices();
			assertThat(result.exitCode()).as(line).isEqualTo(2);
			assertThat(result.output()).as(line)
				.contains("devices.csv:2", "'sim-'", "simulated device")
				.contains("nothing was written");
			assertThat(Files.readString(this.secrets.resolve("emqx/auth-bootstrap.csv"))).isEqualTo(bootstrap);
			assertThat(passwords()).containsOnlyKeys("mon-1");
		}

		inventory("mon-1,monitor", "sim-monitor-001,simulated-monitor,ward-a/bed-1");
		Deploy.Result ward = devices();
		assertThat(ward.exitCode()).as(ward.output()).isZero();
		assertThat(ward.output()).contains("warning: 1 simulated device(s) (sim-monitor-001)",
				"without the simulation profile");
		assertThat(passwords()).containsOnlyKeys("mon-1", "sim-monitor-001");

		Files.writeString(this.repo.resolve(".env"), "\nCOMPOSE_PROFILES=simulation,demo\n", StandardOpenOption.APPEND);
		Deploy.Result demo = devices();
		assertThat(demo.exitCode()).as(demo.output()).isZero();
		assertThat(demo.output()).doesNotContain("warning");
	}

	private static String pbkdf2Hex(String password, String salt, int iterations) throws Exception {
		return HexFormat.of()
			.formatHex(pbkdf2("PBKDF2WithHmacSHA256", password, salt.getBytes(StandardCharsets.UTF_8), iterations, 32));
	}

	private static byte[] pbkdf2(String algorithm, String password, byte[] salt, int iterations, int bytes)
			throws Exception {
		KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8);
		return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
	}

	/** The iterations EMQX is configured with must be the ones the script hashes with. */
	private int emqxIterations() throws Exception {
		Matcher conf = Pattern.compile("iterations = (\\d+)")
			.matcher(Files.readString(Deploy.root().resolve("deploy/emqx/emqx.conf")));
		assertThat(conf.find()).isTrue();
		Matcher script = Pattern.compile("HASH_ITERATIONS=(\\d+)")
			.matcher(Files.readString(Deploy.root().resolve("deploy/devices.sh")));
		assertThat(script.find()).isTrue();
		assertThat(conf.group(1)).isEqualTo(script.group(1));
		return Integer.parseInt(conf.group(1));
	}

	private void inventory(String... lines) throws Exception {
		Files.writeString(this.repo.resolve("deploy/devices.csv"), String.join("\n", lines) + "\n");
	}

	private Deploy.Result devices() {
		return Deploy.run(this.repo, "bash", "deploy/devices.sh");
	}

	private Path passwordsFile() {
		return this.secrets.resolve("devices/passwords.csv");
	}

	private Map<String, String> passwords() throws Exception {
		Map<String, String> passwords = new LinkedHashMap<>();
		for (String line : Files.readAllLines(passwordsFile())) {
			String[] columns = line.split(",");
			if (!columns[0].equals("device_id")) {
				passwords.put(columns[0], columns[1]);
			}
		}
		return passwords;
	}

}
