package care.vitals.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

import care.vitals.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the broker configuration of the install without Docker
 * ({@code deploy/mosquitto/}) against the real Debian Mosquitto 2, with the TLS material,
 * password file and CRL {@code deploy/init.sh} and {@code deploy/devices.sh} generate,
 * installed into a directory laid out like {@code /etc/mosquitto/vitals}: the client
 * certificate is the device's identity (a device cannot publish as another even with a
 * valid certificate of its own and the other's user name, password and client id), device
 * passwords are refused on the internal listener, a device cannot publish to or read
 * other topics nor send oversized packets, and {@code devices.sh --revoke} cuts a
 * device's connection and keeps its certificate out. The config file is used as shipped;
 * only paths, ports and the run user are rewritten for the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MosquittoConfigIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** Used by the revocation test only (revoking it restarts the broker). */
	private static final String REVOKED_DEVICE = "mon-a09";

	@TempDir
	static Path repo;

	private Process broker;

	private String mosquitto;

	private Path configFile;

	/** Laid out like /etc/mosquitto/vitals (docs/deployment.md, "Without Docker"). */
	private Path confDir;

	private int tlsPort;

	private int localPort;

	private String pub;

	private String sub;

	private Path tls;

	private Map<String, String> env;

	private Map<String, String> devicePasswords;

	@BeforeAll
	void startBroker() throws Exception {
		this.mosquitto = Deploy.binary("mosquitto", "mosquitto");
		this.pub = Deploy.binary("mosquitto_pub", "mosquitto-clients");
		this.sub = Deploy.binary("mosquitto_sub", "mosquitto-clients");
		Deploy.binary("openssl", "openssl");
		Deploy.binary("python3", "python3");
		Deploy.scratchCopy(repo);
		Files.writeString(repo.resolve("deploy/devices.csv"), REVOKED_DEVICE + ",monitor,ward-a/bed-9\n",
				StandardOpenOption.APPEND);
		Deploy.Result init = Deploy.run(repo, "bash", "deploy/init.sh");
		assertThat(init.ok()).as(init.output()).isTrue();
		this.env = Deploy.readEnv(repo.resolve(".env"));
		this.devicePasswords = new java.util.HashMap<>();
		for (String line : Files.readAllLines(repo.resolve("deploy/secrets/devices/passwords.csv"))) {
			String[] columns = line.split(",");
			this.devicePasswords.put(columns[0], columns[1]);
		}
		this.tls = repo.resolve("deploy/secrets/tls");
		// The install of docs/deployment.md: certificates, CRL, password file, ACLs.
		this.confDir = Files.createDirectories(repo.resolve("etc-mosquitto-vitals"));
		for (Path file : List.of(this.tls.resolve("ca.crt"), this.tls.resolve("server.crt"),
				this.tls.resolve("server.key"), this.tls.resolve("ca.crl"),
				repo.resolve("deploy/secrets/mosquitto/passwd"), repo.resolve("deploy/mosquitto/acl-devices"),
				repo.resolve("deploy/mosquitto/acl-services"))) {
			Files.copy(file, this.confDir.resolve(file.getFileName()));
		}
		this.tlsPort = FreePorts.one();
		this.localPort = FreePorts.one();
		Path data = Files.createDirectories(repo.resolve("mosquitto-data"));
		String config = Files.readString(repo.resolve("deploy/mosquitto/vitals.conf"))
			.replace("/etc/mosquitto/vitals/", this.confDir + "/")
			.replace("listener 8883\n", "listener " + this.tlsPort + "\n")
			.replace("listener 1883 127.0.0.1\n", "listener " + this.localPort + " 127.0.0.1\n");
		assertThat(config).doesNotContain("/etc/mosquitto/vitals", "listener 8883", "listener 1883");
		// Test-only: keep persistence in the scratch dir and stay the current user (as
		// root, Mosquitto would switch to the user `mosquitto`, who cannot read the
		// secrets of the scratch dir).
		config += "\npersistence_location " + data + "/\nuser " + System.getProperty("user.name") + "\n";
		this.configFile = repo.resolve("mosquitto-test.conf");
		Files.writeString(this.configFile, config);
		start();
	}

	private void start() throws Exception {
		this.broker = new ProcessBuilder(this.mosquitto, "-c", this.configFile.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(repo.resolve("mosquitto.log").toFile()))
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!FreePorts.listening(this.tlsPort) || !FreePorts.listening(this.localPort)) {
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
	void deviceWithItsCertificatePublishesToItsOwnTopic() throws Exception {
		CompletableFuture<Deploy.Result> received = ingestReceives(1);
		Deploy.Result result = devicePublish("sim-monitor-001", password("sim-monitor-001"),
				"devices/sim-monitor-001/measurements", "{\"values\":{\"heart_rate\":72}}");
		assertThat(result.output()).doesNotContain("rror", "failed");
		assertThat(result.ok()).as(result.output()).isTrue();
		assertThat(received.get().output())
			.contains("devices/sim-monitor-001/measurements {\"values\":{\"heart_rate\":72}}");
	}

	/**
	 * Device accounts do not exist on the internal listener (where the client id is not
	 * bound), and service accounts do not exist on the device listener, where the
	 * certificate alone names the user.
	 */
	@Test
	void devicePasswordsAreRefusedOnTheInternalListenerAndServiceAccountsOnTheDeviceListener() throws Exception {
		Deploy.Result internal = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", "sim-monitor-001", "-P", password("sim-monitor-001"), "-V",
				"mqttv5", "-q", "1", "-t", "devices/sim-monitor-001/measurements", "-m", "via-1883");
		assertThat(internal.ok()).as(internal.output()).isFalse();
		assertThat(internal.output()).containsIgnoringCase("not authori");
		assertThat(Files.readString(repo.resolve("deploy/secrets/mosquitto/passwd"))).startsWith("ingest:")
			.doesNotContain("sim-monitor-");
		// The ingest's user name and password with a device's certificate: still that
		// device, which may not read other devices' readings.
		CompletableFuture<Deploy.Result> impostor = CompletableFuture
			.supplyAsync(() -> Deploy.run(repo, Map.of(), TIMEOUT, this.sub, "-h", "localhost", "-p",
					String.valueOf(this.tlsPort), "--cafile", this.tls.resolve("ca.crt").toString(), "--cert",
					this.tls.resolve("devices/sim-monitor-002.crt").toString(), "--key",
					this.tls.resolve("devices/sim-monitor-002.key").toString(), "-u", "ingest", "-P",
					this.env.get("MQTT_INGEST_PASSWORD"), "-i", "ingest-1", "-V", "mqttv5", "-t",
					"devices/+/measurements", "-v", "-C", "1", "-W", "4"));
		CompletableFuture<Deploy.Result> ingest = ingestReceives(1);
		Deploy.Result published = devicePublish("sim-monitor-001", password("sim-monitor-001"),
				"devices/sim-monitor-001/measurements", "for-the-ingest-only");
		assertThat(published.ok()).as(published.output()).isTrue();
		assertThat(ingest.get().output()).contains("for-the-ingest-only");
		assertThat(impostor.get().output()).doesNotContain("for-the-ingest-only");
	}

	@Test
	void connectionWithoutClientCertificateIsRefused() {
		Deploy.Result result = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "localhost", "-p",
				String.valueOf(this.tlsPort), "--cafile", this.tls.resolve("ca.crt").toString(), "-u",
				"sim-monitor-001", "-P", password("sim-monitor-001"), "-V", "mqttv5", "-q", "1", "-t",
				"devices/sim-monitor-001/status", "-m", "{}");
		assertThat(result.ok()).as(result.output()).isFalse();
	}

	/**
	 * A device with a valid CA-signed certificate of its own presents another device's
	 * user name, password and client id: the broker takes the identity from the
	 * certificate, so it is still itself and may not publish the other's topics.
	 */
	@Test
	void aDeviceCannotPublishAsAnotherEvenWithAValidCertificateOfItsOwn() throws Exception {
		CompletableFuture<Deploy.Result> received = ingestReceives(1);
		Deploy.Result forbidden = Deploy.run(repo, Map.of(), TIMEOUT,
				devicePublishCommand("sim-monitor-001", password("sim-monitor-002"),
						"devices/sim-monitor-002/measurements", "forged", "-u", "sim-monitor-002", "-i",
						"sim-monitor-002"));
		assertThat(forbidden.output()).contains("Not authorized");
		Deploy.Result allowed = devicePublish("sim-monitor-001", password("sim-monitor-001"),
				"devices/sim-monitor-001/events", "genuine");
		assertThat(allowed.ok()).as(allowed.output()).isTrue();
		// The subscriber stops at the first message: the genuine one, not the forged one.
		assertThat(received.get().output()).contains("devices/sim-monitor-001/events genuine").doesNotContain("forged");
	}

	/**
	 * {@code deploy/devices.sh --revoke ID --apply-mosquitto}: the certificate goes into
	 * the CRL, the files are installed and Mosquitto restarted (here: the script stops
	 * the test's broker, the test starts it again as systemd would). The revoked device's
	 * live connection is cut, it receives nothing more, and a copy of its certificate and
	 * key (a stolen device) is refused; other devices carry on.
	 */
	@Test
	void revocationCutsTheDevicesConnectionAndKeepsItsCertificateOut() throws Exception {
		Path stolen = Files.createDirectories(repo.resolve("stolen"));
		Files.copy(this.tls.resolve("devices/" + REVOKED_DEVICE + ".crt"), stolen.resolve("device.crt"));
		Files.copy(this.tls.resolve("devices/" + REVOKED_DEVICE + ".key"), stolen.resolve("device.key"));
		Path received = repo.resolve("revoked-device-received.txt");
		Process device = new ProcessBuilder(this.sub, "-h", "localhost", "-p", String.valueOf(this.tlsPort), "--cafile",
				this.tls.resolve("ca.crt").toString(), "--cert", stolen.resolve("device.crt").toString(), "--key",
				stolen.resolve("device.key").toString(), "-V", "mqttv5", "-q", "1", "-t",
				"assignments/" + REVOKED_DEVICE, "-v", "-W", "30")
			.redirectErrorStream(true)
			.redirectOutput(received.toFile())
			.start();
		try {
			awaitReceived(received, "before-revocation");
			long pid = this.broker.pid();
			Deploy.Result revoke = Deploy.run(repo,
					Map.of("MOSQUITTO_DIR", this.confDir.toString(), "MOSQUITTO_RESTART", "kill " + pid), TIMEOUT,
					"bash", "deploy/devices.sh", "--revoke", REVOKED_DEVICE, "--apply-mosquitto");
			assertThat(revoke.ok()).as(revoke.output()).isTrue();
			assertThat(revoke.output()).contains("revoked the certificate of " + REVOKED_DEVICE);
			assertThat(this.broker.waitFor(10, TimeUnit.SECONDS)).isTrue();
			start();
			assertThat(Files.readString(repo.resolve("deploy/devices.csv"))).doesNotContain(REVOKED_DEVICE);
			assertThat(this.tls.resolve("devices/" + REVOKED_DEVICE + ".key")).doesNotExist();
			// Nothing reaches the revoked device any more, although it keeps trying.
			publishAsIngest("assignments/" + REVOKED_DEVICE, "after-revocation");
			Deploy.Result retry = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "localhost", "-p",
					String.valueOf(this.tlsPort), "--cafile", this.tls.resolve("ca.crt").toString(), "--cert",
					stolen.resolve("device.crt").toString(), "--key", stolen.resolve("device.key").toString(), "-V",
					"mqttv5", "-q", "1", "-t", "devices/" + REVOKED_DEVICE + "/status", "-m", "{}");
			assertThat(retry.ok()).as(retry.output()).isFalse();
			assertThat(Files.readString(repo.resolve("mosquitto.log"))).contains("certificate verify failed");
			Deploy.Result other = devicePublish("sim-monitor-001", password("sim-monitor-001"),
					"devices/sim-monitor-001/status", "{}");
			assertThat(other.ok()).as(other.output()).isTrue();
			assertThat(Files.readString(received)).contains("before-revocation").doesNotContain("after-revocation");
		}
		finally {
			device.destroy();
		}
	}

	private void awaitReceived(Path file, String payload) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!Files.readString(file).contains(payload)) {
			assertThat(System.nanoTime()).as("the device did not receive " + payload).isLessThan(deadline);
			publishAsIngest("assignments/" + REVOKED_DEVICE, payload);
			Thread.sleep(300);
		}
	}

	private void publishAsIngest(String topic, String payload) {
		Deploy.Result published = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "127.0.0.1", "-p",
				String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"), "-V",
				"mqttv5", "-q", "1", "-t", topic, "-m", payload);
		assertThat(published.ok()).as(published.output()).isTrue();
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

	@Test
	void aDevicePublishesOnlyItsThreeTopicsAndNeverTheIngestsInternalOnes() throws Exception {
		CompletableFuture<Deploy.Result> received = ingestReceives(1);
		for (String topic : List.of("devices/sim-monitor-001/measurements/extra", "devices/sim-monitor-001/config",
				"ingest/clinical/owner", "ingest/clinical/acks", "ingest/sync/ingest-1", "ingest/rejected/forged",
				"assignments/sim-monitor-001", "alarms/ward-a/bed-1")) {
			Deploy.Result result = devicePublish("sim-monitor-001", password("sim-monitor-001"), topic, "forged");
			assertThat(result.output()).as(topic).contains("Not authorized");
		}
		Deploy.Result allowed = devicePublish("sim-monitor-001", password("sim-monitor-001"),
				"devices/sim-monitor-001/events", "genuine-event");
		assertThat(allowed.ok()).as(allowed.output()).isTrue();
		assertThat(received.get().output()).contains("genuine-event").doesNotContain("forged");
		// Nor may it read them.
		Deploy.Result eavesdrop = Deploy.run(repo, Map.of(), TIMEOUT, this.sub, "-h", "localhost", "-p",
				String.valueOf(this.tlsPort), "--cafile", this.tls.resolve("ca.crt").toString(), "--cert",
				this.tls.resolve("devices/sim-monitor-001.crt").toString(), "--key",
				this.tls.resolve("devices/sim-monitor-001.key").toString(), "-u", "sim-monitor-001", "-P",
				password("sim-monitor-001"), "-V", "mqttv5", "-t", "ingest/#", "-v", "-C", "1", "-W", "3");
		assertThat(eavesdrop.output()).containsAnyOf("Timed out", "Subscription denied", "not authori");
	}

	/**
	 * Pins what the shipped Mosquitto 2.0 does not enforce and what covers it
	 * (docs/security.md, "Broker limits"): a device may publish a retained measurement
	 * (no per-topic retain rule) and the broker stores it, but a subscription with Retain
	 * Handling 2, the one the ingest makes, never receives the stored copy: the first
	 * message it gets is the next live one.
	 */
	@Test
	void aRetainedMeasurementIsStoredButNeverSentToTheIngestsSubscription() throws Exception {
		String device = "sim-monitor-002";
		String topic = "devices/" + device + "/measurements";
		try {
			Deploy.Result retained = Deploy.run(repo, Map.of(), TIMEOUT,
					devicePublishCommand(device, password(device), topic, "retained-reading", "-r"));
			assertThat(retained.ok()).as("Mosquitto 2.0 cannot refuse it: " + retained.output()).isTrue();
			Deploy.Result stored = Deploy.run(repo, Map.of(), TIMEOUT, this.sub, "-h", "127.0.0.1", "-p",
					String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"), "-V",
					"mqttv5", "-t", topic, "--retained-only", "-C", "1", "-W", "5");
			assertThat(stored.output()).as("the broker stores it").contains("retained-reading");

			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			MqttClient ingest = new MqttClient("tcp://127.0.0.1:" + this.localPort, "retain-handling-check",
					new MemoryPersistence());
			MqttConnectionOptions options = new MqttConnectionOptions();
			options.setUserName("ingest");
			options.setPassword(this.env.get("MQTT_INGEST_PASSWORD").getBytes(StandardCharsets.UTF_8));
			ingest.connect(options);
			try {
				MqttSubscription subscription = new MqttSubscription(topic, 1);
				subscription.setRetainHandling(2);
				ingest.subscribe(new MqttSubscription[] { subscription },
						new IMqttMessageListener[] {
								(t, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)
										+ (message.isRetained() ? " (retained)" : "")) });
				Deploy.Result live = devicePublish(device, password(device), topic, "live-reading");
				assertThat(live.ok()).as(live.output()).isTrue();
				assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("live-reading");
			}
			finally {
				ingest.disconnect();
				ingest.close();
			}
		}
		finally {
			// the other tests' subscriptions must not get it
			Deploy.run(repo, Map.of(), TIMEOUT, devicePublishCommand(device, password(device), topic, "", "-r"));
		}
	}

	@Test
	void theIngestOwnsItsInternalTopics() throws Exception {
		for (String topic : List.of("ingest/clinical/owner", "ingest/clinical/acks", "ingest/sync/ingest-2")) {
			CompletableFuture<Deploy.Result> received = CompletableFuture
				.supplyAsync(() -> Deploy.run(repo, Map.of(), TIMEOUT, this.sub, "-h", "127.0.0.1", "-p",
						String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"),
						"-V", "mqttv5", "-q", "1", "-t", topic, "-v", "-C", "1", "-W", "10"));
			Thread.sleep(700);
			Deploy.Result published = Deploy.run(repo, Map.of(), TIMEOUT, this.pub, "-h", "127.0.0.1", "-p",
					String.valueOf(this.localPort), "-u", "ingest", "-P", this.env.get("MQTT_INGEST_PASSWORD"), "-V",
					"mqttv5", "-q", "1", "-t", topic, "-m", "owner-of-p-1");
			assertThat(published.ok()).as(published.output()).isTrue();
			assertThat(received.get().output()).as(topic).contains(topic + " owner-of-p-1");
		}
	}

	/**
	 * Verifies that the broker itself refuses packets beyond the ingest's 64 KiB payload
	 * limit (plus 2 KiB for topic and properties) and lets a 64 KiB payload through.
	 * Well-behaved clients (mosquitto_pub, Paho) already refuse to send what exceeds the
	 * Maximum Packet Size the broker announces in CONNACK, so the oversized PUBLISH is
	 * written here byte by byte, as a faulty or hostile device would.
	 */
	@Test
	void packetsBeyondTheIngestsPayloadLimitAreRefusedByTheBroker() throws Exception {
		assertThat(Files.readString(repo.resolve("deploy/mosquitto/vitals.conf")))
			.contains("\nmax_packet_size 67584\n");
		CompletableFuture<Deploy.Result> received = ingestReceives(1);
		try (RawMqttDevice device = new RawMqttDevice("sim-monitor-003")) {
			boolean closed;
			try {
				device.publish("devices/sim-monitor-003/measurements", "y".repeat(68000));
				closed = device.closedByBroker();
			}
			catch (IOException ex) {
				// The broker read the length, refused it and closed while we were
				// writing.
				closed = true;
			}
			assertThat(closed).as("connection closed after the oversized PUBLISH").isTrue();
		}
		try (RawMqttDevice device = new RawMqttDevice("sim-monitor-003")) {
			device.publish("devices/sim-monitor-003/measurements", "x".repeat(65536));
			assertThat(device.closedByBroker()).as("connection open after a 64 KiB PUBLISH").isFalse();
		}
		String delivered = received.get().output();
		assertThat(delivered).contains("devices/sim-monitor-003/measurements " + "x".repeat(65536))
			.doesNotContain("yyyy");
	}

	/**
	 * A device speaking MQTT 3.1.1 over TLS with its own certificate and password,
	 * written by hand so that nothing stops it from sending what the broker must refuse.
	 */
	private final class RawMqttDevice implements AutoCloseable {

		private final javax.net.ssl.SSLSocket socket;

		RawMqttDevice(String device) throws Exception {
			java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
			try (java.io.InputStream in = Files
				.newInputStream(MosquittoConfigIntegrationTests.this.tls.resolve("devices/" + device + ".p12"))) {
				keys.load(in, p12Password(device));
			}
			javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory
				.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(keys, p12Password(device));
			java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
			trust.load(null, null);
			try (java.io.InputStream in = Files
				.newInputStream(MosquittoConfigIntegrationTests.this.tls.resolve("ca.crt"))) {
				trust.setCertificateEntry("ca",
						java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
			}
			javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory
				.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(trust);
			javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
			context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
			this.socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
				.createSocket("localhost", MosquittoConfigIntegrationTests.this.tlsPort);
			this.socket.setSoTimeout(5000);
			java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
			body.write(new byte[] { 0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60 });
			writeString(body, device);
			writeString(body, device);
			writeString(body, password(device));
			send(0x10, body.toByteArray());
			byte[] connack = this.socket.getInputStream().readNBytes(4);
			assertThat(connack).as("CONNACK accepted").containsExactly(0x20, 2, 0, 0);
		}

		void publish(String topic, String payload) throws IOException {
			java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
			writeString(body, topic);
			body.write(payload.getBytes(StandardCharsets.UTF_8));
			send(0x30, body.toByteArray());
		}

		/**
		 * Sends PINGREQ: a broker that kept the connection answers PINGRESP, one that
		 * refused the previous packet has closed it.
		 */
		boolean closedByBroker() {
			try {
				send(0xC0, new byte[0]);
				byte[] answer = this.socket.getInputStream().readNBytes(2);
				return answer.length < 2 || (answer[0] & 0xFF) != 0xD0;
			}
			catch (IOException ex) {
				return true;
			}
		}

		private void send(int type, byte[] body) throws IOException {
			java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
			packet.write(type);
			int length = body.length;
			do {
				int digit = length % 128;
				length /= 128;
				packet.write((length > 0) ? digit | 0x80 : digit);
			}
			while (length > 0);
			packet.write(body);
			this.socket.getOutputStream().write(packet.toByteArray());
			this.socket.getOutputStream().flush();
		}

		private static void writeString(java.io.ByteArrayOutputStream out, String value) throws IOException {
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			out.write(bytes.length >> 8);
			out.write(bytes.length & 0xFF);
			out.write(bytes);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

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

	/**
	 * The PKCS#12 bundle has a password of its own, never the MQTT password.
	 */
	private char[] p12Password(String device) throws IOException {
		String p12 = Files.readString(this.tls.resolve("devices/" + device + ".p12-password")).strip();
		assertThat(p12).matches("[0-9a-f]{32}").isNotEqualTo(password(device));
		return p12.toCharArray();
	}

	private String password(String device) {
		return this.devicePasswords.get(device);
	}

}
