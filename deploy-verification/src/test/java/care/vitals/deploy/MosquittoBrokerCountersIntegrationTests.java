package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the path of Mosquitto's drop counter into {@code ops} on the install without
 * Docker (docs/operations.md, "Broker dropped readings"): the commands of
 * {@code deploy/telegraf/mosquitto.conf}, run as Telegraf's {@code inputs.exec} runs them
 * ({@code $$} unescaped, split like a shell, its {@code environment}), log in as
 * {@code telegraf} with the options file {@code install-credentials.sh} writes, on the
 * real Debian Mosquitto 2.0 with the shipped configuration and ACL, and print the line
 * protocol the Grafana rule {@code broker-dropped-messages} reads (grafana-verification
 * evaluates it on points of this shape). Mosquitto drops messages for the ingest's
 * offline session once its queue is full; each poll reads the retained counter again.
 * Test-only changes to {@code vitals.conf}: paths, ports, run user, a queue of 5 instead
 * of 300,000 and $SYS updates every second instead of every 10.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MosquittoBrokerCountersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int QUEUE = 5;

	@TempDir
	static Path repo;

	private Process broker;

	private int localPort;

	private int tlsPort;

	private Map<String, String> env;

	/** The commands of mosquitto.conf, split into arguments, port and paths rewritten. */
	private List<List<String>> commands;

	/** The environment mosquitto.conf gives them, paths rewritten. */
	private Map<String, String> commandEnvironment;

	@BeforeAll
	void startBrokerAndInstallTelegrafsCredential() throws Exception {
		String mosquitto = Deploy.binary("mosquitto", "mosquitto");
		Deploy.binary("mosquitto_sub", "mosquitto-clients");
		Deploy.binary("openssl", "openssl");
		Deploy.binary("python3", "python3");
		Deploy.scratchCopy(repo);
		Deploy.Result init = Deploy.run(repo, "bash", "deploy/init.sh");
		assertThat(init.ok()).as(init.output()).isTrue();
		this.env = Deploy.readEnv(repo.resolve(".env"));
		assertThat(this.env.get("MQTT_TELEGRAF_PASSWORD")).matches("[0-9a-f]{48}");

		// sudo deploy/systemd/install-credentials.sh, with Telegraf's group installed
		Path telegrafDir = repo.resolve("etc-telegraf-mosquitto");
		String group = Files.readAttributes(repo, PosixFileAttributes.class).group().getName();
		Deploy.Result installed = Deploy.run(repo, "bash", "deploy/systemd/install-credentials.sh", "--dir",
				repo.resolve("etc-vitals-credentials").toString(), "--grafana-group", "no-such-group-vitals",
				"--telegraf-dir", telegrafDir.toString(), "--telegraf-group", group);
		assertThat(installed.ok()).as(installed.output()).isTrue();
		Path options = telegrafDir.resolve("mosquitto_sub");
		assertThat(options).hasContent("-u telegraf\n-P " + this.env.get("MQTT_TELEGRAF_PASSWORD"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(options))).isEqualTo("r--r-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(telegrafDir))).isEqualTo("rwxr-x---");
		assertThat(Files.readString(repo.resolve("deploy/systemd/install-credentials.sh")))
			.contains("telegraf_dir=/etc/telegraf/mosquitto\n", "telegraf_group=telegraf\n");

		// The install of docs/deployment.md: certificates, CRL, password file, ACLs.
		Path confDir = Files.createDirectories(repo.resolve("etc-mosquitto-vitals"));
		Path tls = repo.resolve("deploy/secrets/tls");
		for (Path file : List.of(tls.resolve("ca.crt"), tls.resolve("server.crt"), tls.resolve("server.key"),
				tls.resolve("ca.crl"), repo.resolve("deploy/secrets/mosquitto/passwd"),
				repo.resolve("deploy/mosquitto/acl-devices"), repo.resolve("deploy/mosquitto/acl-services"))) {
			Files.copy(file, confDir.resolve(file.getFileName()));
		}
		this.tlsPort = FreePorts.one();
		this.localPort = FreePorts.one();
		String config = Files.readString(repo.resolve("deploy/mosquitto/vitals.conf"))
			.replace("/etc/mosquitto/vitals/", confDir + "/")
			.replace("listener 8883\n", "listener " + this.tlsPort + "\n")
			.replace("listener 1883 127.0.0.1\n", "listener " + this.localPort + " 127.0.0.1\n")
			.replace("max_queued_messages 300000\n", "max_queued_messages " + QUEUE + "\n");
		assertThat(config).doesNotContain("/etc/mosquitto/vitals", "listener 8883", "listener 1883", "300000");
		assertThat(config).as("the shipped configuration keeps the default sys_interval")
			.doesNotContain("sys_interval");
		config += "\nsys_interval 1\npersistence_location " + Files.createDirectories(repo.resolve("data")) + "/\nuser "
				+ System.getProperty("user.name") + "\n";
		Path configFile = repo.resolve("mosquitto-test.conf");
		Files.writeString(configFile, config);
		this.broker = new ProcessBuilder(mosquitto, "-c", configFile.toString()).redirectErrorStream(true)
			.redirectOutput(repo.resolve("mosquitto.log").toFile())
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!FreePorts.listening(this.localPort) || !FreePorts.listening(this.tlsPort)) {
			assertThat(this.broker.isAlive()).as(Files.readString(repo.resolve("mosquitto.log"))).isTrue();
			assertThat(System.nanoTime()).as("broker did not listen").isLessThan(deadline);
			Thread.sleep(50);
		}
		readTelegrafConfig(telegrafDir);
	}

	@AfterAll
	void stopBroker() {
		if (this.broker != null) {
			this.broker.destroy();
		}
	}

	/**
	 * The input as Telegraf 1.34 reads it: {@code $$} is a literal {@code $} (its
	 * environment substitution), the command is split like a POSIX shell would
	 * (go-shellquote), {@code environment} is added to the command's environment.
	 */
	private void readTelegrafConfig(Path telegrafDir) throws IOException {
		String conf = String.join("\n",
				Deploy.contentLines(Deploy.root().resolve("deploy/telegraf/mosquitto.conf"), "#"));
		assertThat(conf).contains("[[inputs.exec]]", "interval = \"30s\"", "data_format = \"influx\"",
				"timeout = \"5s\"");
		Matcher environment = Pattern.compile("environment = \\[\"XDG_CONFIG_HOME=(/[^\"]+)\"]").matcher(conf);
		assertThat(environment.find()).as(conf).isTrue();
		assertThat(environment.group(1)).as("where install-credentials.sh writes the options file")
			.isEqualTo("/etc/telegraf/mosquitto");
		this.commandEnvironment = Map.of("XDG_CONFIG_HOME", telegrafDir.toString());
		this.commands = new ArrayList<>();
		Matcher command = Pattern.compile("^\\s+\"(mosquitto_sub [^\"]+)\",$", Pattern.MULTILINE).matcher(conf);
		while (command.find()) {
			String line = command.group(1).replace("$$", "$");
			assertThat(line).contains(" -h 127.0.0.1 -p 1883 ").doesNotContain(" -P ", " -u ");
			this.commands.add(splitLikeAShell(line.replace(" -p 1883 ", " -p " + this.localPort + " ")));
		}
		assertThat(this.commands).hasSize(2);
	}

	@Test
	void telegrafsPollsPrintTheDropCounterAndTheStoreSizeAsLineProtocolEveryTime() throws Exception {
		assertThat(poll(0)).isEqualTo("mosquitto dropped=0i\n");
		assertThat(poll(1)).matches("mosquitto stored=\\d+i\n");

		// The ingest's persistent session, offline, and more readings than its queue
		// holds.
		Deploy.Result session = Deploy.run(repo, Map.of(), TIMEOUT, "mosquitto_sub", "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"), "-i",
				"ingest-1", "-c", "-q", "1", "-t", "devices/+/measurements", "-W", "1");
		assertThat(session.output()).doesNotContain("rror");
		String device = Files.readAllLines(repo.resolve("deploy/secrets/devices/passwords.csv")).get(1).split(",")[0];
		String password = Files.readAllLines(repo.resolve("deploy/secrets/devices/passwords.csv")).get(1).split(",")[1];
		Path tls = repo.resolve("deploy/secrets/tls");
		Deploy.Result published = Deploy.run(repo, Map.of(), TIMEOUT, "mosquitto_pub", "-h", "localhost", "-p",
				String.valueOf(this.tlsPort), "--cafile", tls.resolve("ca.crt").toString(), "--cert",
				tls.resolve("devices/" + device + ".crt").toString(), "--key",
				tls.resolve("devices/" + device + ".key").toString(), "-u", device, "-P", password, "-q", "1", "-t",
				"devices/" + device + "/measurements", "-m", "{}", "--repeat", String.valueOf(QUEUE + 7));
		assertThat(published.ok()).as(published.output()).isTrue();

		String expected = "mosquitto dropped=7i\n";
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!poll(0).equals(expected) && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		assertThat(poll(0)).as("every poll reads the retained counter again").isEqualTo(expected);
		assertThat(poll(0)).isEqualTo(expected);
		assertThat(Files.readString(repo.resolve("mosquitto.log")))
			.contains("Outgoing messages are being dropped for client ingest-1");
	}

	@Test
	void onlyTelegrafReadsTheCountersAndTelegrafReadsNothingElse() {
		String telegraf = this.env.get("MQTT_TELEGRAF_PASSWORD");
		String ingest = this.env.get("MQTT_INGEST_PASSWORD");
		assertThat(reads("telegraf", telegraf, "$SYS/broker/publish/messages/dropped")).isTrue();
		assertThat(reads("ingest", ingest, "$SYS/broker/publish/messages/dropped")).isFalse();
		assertThat(reads("ingest", ingest, "$SYS/broker/store/messages/count")).isFalse();
		assertThat(reads("telegraf", telegraf, "$SYS/broker/uptime")).isFalse();
		Deploy.Result wrong = Deploy.run(repo, Map.of(), TIMEOUT, "mosquitto_sub", "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", "telegraf", "-P", "not-" + telegraf, "-t",
				"$SYS/broker/publish/messages/dropped", "-C", "1", "-W", "3");
		assertThat(wrong.ok()).as(wrong.output()).isFalse();
	}

	/** Runs command {@code index} of mosquitto.conf as Telegraf would; its output. */
	private String poll(int index) {
		Deploy.Result result = Deploy.run(repo, this.commandEnvironment, TIMEOUT,
				this.commands.get(index).toArray(String[]::new));
		assertThat(result.ok()).as(result.output()).isTrue();
		return result.output();
	}

	/** Whether the account receives a retained message on the topic within 3 s. */
	private boolean reads(String user, String password, String topic) {
		Deploy.Result result = Deploy.run(repo, Map.of(), TIMEOUT, "mosquitto_sub", "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", user, "-P", password, "-t", topic, "-C", "1", "-W", "3");
		return result.ok() && !result.output().isBlank();
	}

	/** go-shellquote's split for what the commands use: words and single quotes. */
	private static List<String> splitLikeAShell(String line) {
		List<String> words = new ArrayList<>();
		Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
		while (word.find()) {
			words.add((word.group(1) != null) ? word.group(1) : word.group(2));
		}
		return words;
	}

}
