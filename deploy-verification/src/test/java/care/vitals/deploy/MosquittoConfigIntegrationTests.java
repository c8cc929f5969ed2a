package care.vitals.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the broker configuration of the install without Docker
 * ({@code deploy/mosquitto/}) against the real Debian Mosquitto 2, with the TLS material
 * and password file {@code deploy/init.sh} generates: a device with its certificate and
 * password publishes to its own topics, a wrong password or a missing client certificate
 * is refused, and a device cannot publish to or read another device's topics. The config
 * file is used as shipped; only paths, ports and the run user are rewritten for the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MosquittoConfigIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	static Path repo;

	private Process broker;

	private int tlsPort;

	private int localPort;

	private String pub;

	private String sub;

	private Path tls;

	private Map<String, String> env;

	private Map<String, String> devicePasswords;

	@BeforeAll
	void startBroker() throws Exception {
		String mosquitto = Deploy.binary("mosquitto", "mosquitto");
		this.pub = Deploy.binary("mosquitto_pub", "mosquitto-clients");
		this.sub = Deploy.binary("mosquitto_sub", "mosquitto-clients");
		Deploy.binary("openssl", "openssl");
		Deploy.binary("python3", "python3");
		Deploy.scratchCopy(repo);
		Deploy.Result init = Deploy.run(repo, "bash", "deploy/init.sh");
		assertThat(init.ok()).as(init.output()).isTrue();
		this.env = Deploy.readEnv(repo.resolve(".env"));
		this.devicePasswords = new java.util.HashMap<>();
		for (String line : Files.readAllLines(repo.resolve("deploy/secrets/devices/passwords.csv"))) {
			String[] columns = line.split(",");
			this.devicePasswords.put(columns[0], columns[1]);
		}
		this.tls = repo.resolve("deploy/secrets/tls");
		this.tlsPort = freePort();
		this.localPort = freePort();
		Path secrets = repo.resolve("deploy/secrets");
		Path data = Files.createDirectories(repo.resolve("mosquitto-data"));
		String config = Files.readString(repo.resolve("deploy/mosquitto/vitals.conf"))
			.replace("/etc/mosquitto/vitals/passwd", secrets.resolve("mosquitto/passwd").toString())
			.replace("/etc/mosquitto/vitals/acl", repo.resolve("deploy/mosquitto/acl").toString())
			.replace("/etc/mosquitto/vitals/", this.tls + "/")
			.replace("listener 8883\n", "listener " + this.tlsPort + "\n")
			.replace("listener 1883 127.0.0.1\n", "listener " + this.localPort + " 127.0.0.1\n");
		assertThat(config).doesNotContain("/etc/mosquitto/vitals", "listener 8883", "listener 1883");
		// Test-only: keep persistence in the scratch dir and stay the current user (as
		// root, Mosquitto would switch to the user `mosquitto`, who cannot read the
		// secrets of the scratch dir).
		config += "\npersistence_location " + data + "/\nuser " + System.getProperty("user.name") + "\n";
		Path file = repo.resolve("mosquitto-test.conf");
		Files.writeString(file, config);
		this.broker = new ProcessBuilder(mosquitto, "-c", file.toString()).redirectErrorStream(true)
			.redirectOutput(repo.resolve("mosquitto.log").toFile())
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!listening(this.tlsPort) || !listening(this.localPort)) {
			assertThat(this.broker.isAlive()).as(Files.readString(repo.resolve("mosquitto.log"))).isTrue();
			assertThat(System.nanoTime()).as("broker did not listen").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	@AfterAll
	void stopBroker() {
		if (this.broker != null) {
			this.broker.destroy();
		}
	}

	@Test
	void deviceWithItsCertificateAndPasswordPublishesToItsOwnTopic() throws Exception {
		CompletableFuture<Deploy.Result> received = ingestReceives(1);
		Deploy.Result result = devicePublish("sim-monitor-001", password("sim-monitor-001"),
				"devices/sim-monitor-001/measurements", "{\"values\":{\"heart_rate\":72}}");
		assertThat(result.output()).doesNotContain("rror", "failed");
		assertThat(result.ok()).as(result.output()).isTrue();
		assertThat(received.get().output())
			.contains("devices/sim-monitor-001/measurements {\"values\":{\"heart_rate\":72}}");
	}

	@Test
	void wrongPasswordIsRefused() {
		Deploy.Result result = devicePublish("sim-monitor-001", "not-the-password", "devices/sim-monitor-001/status",
				"{}");
		assertThat(result.ok()).isFalse();
		assertThat(result.output()).containsIgnoringCase("not authori");
		Deploy.Result otherDevicesPassword = devicePublish("sim-monitor-001", password("sim-monitor-002"),
				"devices/sim-monitor-001/status", "{}");
		assertThat(otherDevicesPassword.ok()).isFalse();
	}

	@Test
	void connectionWithoutClientCertificateIsRefused() {
		Deploy.Result result = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "localhost", "-p",
				String.valueOf(this.tlsPort), "--cafile", this.tls.resolve("ca.crt").toString(), "-u",
				"sim-monitor-001", "-P", password("sim-monitor-001"), "-V", "mqttv5", "-q", "1", "-t",
				"devices/sim-monitor-001/status", "-m", "{}");
		assertThat(result.ok()).as(result.output()).isFalse();
	}

	@Test
	void publishingToAnotherDevicesTopicIsRefused() throws Exception {
		CompletableFuture<Deploy.Result> received = ingestReceives(1);
		// Even with the other device's client id: the broker replaces it by the user
		// name.
		Deploy.Result forbidden = Deploy.run(repo, Map.of(), TIMEOUT,
				devicePublishCommand("sim-monitor-001", password("sim-monitor-001"),
						"devices/sim-monitor-002/measurements", "forged", "-i", "sim-monitor-002"));
		assertThat(forbidden.output()).contains("Not authorized");
		Deploy.Result allowed = devicePublish("sim-monitor-001", password("sim-monitor-001"),
				"devices/sim-monitor-001/events", "genuine");
		assertThat(allowed.ok()).as(allowed.output()).isTrue();
		// The subscriber stops at the first message: the genuine one, not the forged one.
		assertThat(received.get().output()).contains("devices/sim-monitor-001/events genuine").doesNotContain("forged");
	}

	@Test
	void deviceCannotReadOtherDevicesTraffic() throws Exception {
		CompletableFuture<Deploy.Result> eavesdropper = CompletableFuture
			.supplyAsync(() -> Deploy.run(repo, Map.of(), TIMEOUT, this.sub, "-h", "localhost", "-p",
					String.valueOf(this.tlsPort), "--cafile", this.tls.resolve("ca.crt").toString(), "--cert",
					this.tls.resolve("devices/sim-monitor-002.crt").toString(), "--key",
					this.tls.resolve("devices/sim-monitor-002.key").toString(), "-u", "sim-monitor-002", "-P",
					password("sim-monitor-002"), "-V", "mqttv5", "-t", "devices/#", "-v", "-C", "1", "-W", "4"));
		CompletableFuture<Deploy.Result> ingest = ingestReceives(1);
		Deploy.Result published = devicePublish("sim-monitor-001", password("sim-monitor-001"),
				"devices/sim-monitor-001/measurements", "private");
		assertThat(published.ok()).as(published.output()).isTrue();
		assertThat(ingest.get().output()).contains("private");
		assertThat(eavesdropper.get().output()).doesNotContain("private").contains("Timed out");
	}

	@Test
	void onlyTheIngestWritesPatientSettings() {
		Deploy.Result forged = Deploy.run(repo, Map.of(), TIMEOUT, devicePublishCommand("sim-monitor-001",
				password("sim-monitor-001"), "patients/p-1/settings", "{\"spo2Scale\":2}", "-r"));
		assertThat(forged.output()).contains("Not authorized");
		Deploy.Result written = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"), "-V",
				"mqttv5", "-q", "1", "-r", "-t", "patients/p-1/settings", "-m", "genuine");
		assertThat(written.ok()).as(written.output()).isTrue();
		Deploy.Result retained = Deploy.run(repo, Map.of(), TIMEOUT, this.sub, "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"), "-V",
				"mqttv5", "-q", "1", "-t", "patients/+/settings", "-v", "-C", "1", "-W", "5");
		assertThat(retained.output()).contains("patients/p-1/settings genuine").doesNotContain("spo2Scale");
		Deploy.Result cleared = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"), "-V",
				"mqttv5", "-q", "1", "-r", "-t", "patients/p-1/settings", "-n");
		assertThat(cleared.ok()).as(cleared.output()).isTrue();
	}

	private CompletableFuture<Deploy.Result> ingestReceives(int count) throws InterruptedException {
		CompletableFuture<Deploy.Result> future = CompletableFuture.supplyAsync(() -> Deploy.run(repo, Map.of(),
				TIMEOUT, this.sub, "-h", "127.0.0.1", "-p", String.valueOf(this.localPort), "-u", "ingest", "-P",
				this.env.get("MQTT_INGEST_PASSWORD"), "-V", "mqttv5", "-q", "1", "-t", "devices/+/measurements", "-t",
				"devices/+/events", "-v", "-C", String.valueOf(count), "-W", "10"));
		// Give the subscription time to be in place before publishing.
		Thread.sleep(700);
		return future;
	}

	private Deploy.Result devicePublish(String user, String password, String topic, String payload) {
		return Deploy.run(repo, Map.of(), TIMEOUT, devicePublishCommand(user, password, topic, payload));
	}

	private String[] devicePublishCommand(String user, String password, String topic, String payload, String... extra) {
		List<String> command = new ArrayList<>(List.of(this.pub, "-h", "localhost", "-p", String.valueOf(this.tlsPort),
				"--cafile", this.tls.resolve("ca.crt").toString(), "--cert",
				this.tls.resolve("devices/" + user + ".crt").toString(), "--key",
				this.tls.resolve("devices/" + user + ".key").toString(), "-u", user, "-P", password, "-V", "mqttv5",
				"-q", "1", "-t", topic, "-m", payload));
		command.addAll(List.of(extra));
		return command.toArray(String[]::new);
	}

	private String password(String device) {
		return this.devicePasswords.get(device);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
