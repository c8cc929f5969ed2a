package care.vitals.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * End to end on a Docker host: the real {@code docker-compose.yml} (images built from the
 * modules, secrets from {@code deploy/init.sh} in a scratch copy of the repository).
 * Verifies that wrong device credentials and default passwords are refused, that a device
 * cannot publish to another device's topic, and that a reading published over MQTT/TLS
 * reaches InfluxDB and Grafana's datasources are healthy, and that the ward station
 * answers over https with the deployment's CA. Skipped where no Docker engine runs; it
 * must compile everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class NucStackComposeIntegrationTests {

	private static final Duration STARTUP = Duration.ofMinutes(15);

	private static final String REVOKED_DEVICE = "mon-a08";

	@TempDir
	static Path repo;

	private static ComposeContainer stack;

	private static Map<String, String> env;

	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startStack() throws IOException {
		copyRepository(Deploy.root(), repo);
		// A device of its own for the revocation test.
		Files.writeString(repo.resolve("deploy/devices.csv"), REVOKED_DEVICE + ",monitor,ward-a/bed-8\n",
				java.nio.file.StandardOpenOption.APPEND);
		// The hospital's alert routing, which compose requires (no default).
		Deploy.Result init = Deploy.run(repo, ComposeFileIntegrationTests.ALERT_SETTINGS, Duration.ofMinutes(3), "bash",
				"deploy/init.sh", "--hostname", "localhost");
		assertThat(init.ok()).as(init.output()).isTrue();
		// Plain http for Grafana keeps the test's HTTP client simple; TLS of MQTT is
		// tested.
		Path envFile = repo.resolve(".env");
		Files.writeString(envFile,
				Files.readString(envFile)
					.replace("GRAFANA_PROTOCOL=https", "GRAFANA_PROTOCOL=http")
					.replace("GRAFANA_COOKIE_SECURE=true", "GRAFANA_COOKIE_SECURE=false"));
		env = Deploy.readEnv(envFile);
		stack = new ComposeContainer(new File(repo.toFile(), "docker-compose.yml")).withBuild(true)
			.withExposedService("emqx", 8883, Wait.forHealthcheck().withStartupTimeout(STARTUP))
			.withExposedService("emqx", 18083)
			.withExposedService("influxdb", 8086, Wait.forHealthcheck().withStartupTimeout(STARTUP))
			.withExposedService("grafana", 3000, Wait.forHealthcheck().withStartupTimeout(STARTUP))
			.withExposedService("ingest", 8080, Wait.forHealthcheck().withStartupTimeout(STARTUP))
			.withExposedService("ingest", 8443)
			.withRemoveVolumes(true);
		stack.start();
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.stop();
		}
	}

	@Test
	void wrongDevicePasswordIsRefused() {
		MqttException refused = catchThrowableOfType(MqttException.class,
				() -> connect("sim-monitor-001", "wrong-password").disconnect());
		assertThat(refused.getReasonCode()).isIn(134, 135);
	}

	/**
	 * The user name is the certificate's CN: with its own valid certificate, a device
	 * that presents another device's user name, password and client id is checked against
	 * its own account and refused.
	 */
	@Test
	void aDeviceCannotConnectAsAnotherEvenWithAValidCertificateOfItsOwn() throws Exception {
		MqttClient client = new MqttClient("ssl://localhost:" + stack.getServicePort("emqx", 8883), "sim-monitor-002",
				new MemoryPersistence());
		MqttConnectionOptions options = options("sim-monitor-001", devicePassword("sim-monitor-002"));
		options.setUserName("sim-monitor-002");
		MqttException refused = catchThrowableOfType(MqttException.class, () -> client.connect(options));
		assertThat(refused.getReasonCode()).isIn(134, 135);
	}

	/**
	 * {@code deploy/devices.sh --revoke ID --apply} against the running EMQX (REST API on
	 * the published dashboard port, {@code emqx eval} in the container): the connected
	 * device is kicked, and a copy of its certificate and key with its old password is
	 * refused (banned, account deleted). The service accounts stay usable.
	 */
	@Test
	void revocationKicksTheDeviceAndKeepsItOut() throws Exception {
		String uri = "ssl://localhost:" + stack.getServicePort("emqx", 8883);
		String password = devicePassword(REVOKED_DEVICE);
		SSLContext stolen = tls(REVOKED_DEVICE, p12Password(REVOKED_DEVICE));
		MqttClient device = connect(REVOKED_DEVICE, password);
		assertThat(device.isConnected()).isTrue();
		String emqx = stack.getContainerByServiceName("emqx").orElseThrow().getContainerId();
		Deploy.Result revoke = Deploy.run(repo,
				Map.of("EMQX_API_URL", "http://localhost:" + stack.getServicePort("emqx", 18083), "EMQX_EXEC",
						"docker exec -i " + emqx),
				Duration.ofMinutes(2), "bash", "deploy/devices.sh", "--revoke", REVOKED_DEVICE, "--apply");
		assertThat(revoke.ok()).as(revoke.output()).isTrue();
		assertThat(revoke.output()).contains("banned, deleted and disconnected in EMQX: " + REVOKED_DEVICE,
				"applied to EMQX");
		await().alias("revoked device kicked").atMost(Duration.ofSeconds(30)).until(() -> !device.isConnected());
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setUserName(REVOKED_DEVICE);
		options.setPassword(password.getBytes(StandardCharsets.UTF_8));
		options.setSocketFactory(stolen.getSocketFactory());
		options.setConnectionTimeout(10);
		MqttClient again = new MqttClient(uri, REVOKED_DEVICE, new MemoryPersistence());
		MqttException refused = catchThrowableOfType(MqttException.class, () -> again.connect(options));
		assertThat(refused).as("reconnect of the revoked device").isNotNull();
		// The other devices are untouched.
		MqttClient other = connect("sim-monitor-001", devicePassword("sim-monitor-001"));
		assertThat(other.isConnected()).isTrue();
		other.disconnect();
	}

	@Test
	void publishingToAnotherDevicesTopicIsRefused() throws Exception {
		MqttAsyncClient device = new MqttAsyncClient("ssl://localhost:" + stack.getServicePort("emqx", 8883),
				"sim-monitor-001", new MemoryPersistence());
		device.connect(options("sim-monitor-001", devicePassword("sim-monitor-001"))).waitForCompletion(10_000);
		try {
			int reason;
			try {
				IMqttToken token = device.publish("devices/sim-monitor-002/measurements",
						"{\"values\":{\"heart_rate\":1}}".getBytes(), 1, false);
				token.waitForCompletion(10_000);
				reason = token.getReasonCodes()[0];
			}
			catch (MqttException ex) {
				reason = ex.getReasonCode();
			}
			assertThat(reason).as("PUBACK reason code").isEqualTo(135);
		}
		finally {
			device.disconnect().waitForCompletion(10_000);
		}
	}

	/**
	 * Verifies the broker limits of deploy/emqx (docs/security.md, "Broker limits"): a
	 * device cannot retain a measurement, publish below its topics or to the ingest's
	 * internal topics, nor send a packet beyond the ingest's 64 KiB payload limit.
	 */
	@Test
	void oneDeviceCannotRetainMeasurementsTouchInternalTopicsOrSendOversizedPackets() throws Exception {
		MqttAsyncClient device = new MqttAsyncClient("ssl://localhost:" + stack.getServicePort("emqx", 8883),
				"sim-monitor-002", new MemoryPersistence());
		device.connect(options("sim-monitor-002", devicePassword("sim-monitor-002"))).waitForCompletion(10_000);
		try {
			assertThat(publishReason(device, "devices/sim-monitor-002/measurements", 10, true)).as("retained reading")
				.isEqualTo(135);
			assertThat(publishReason(device, "devices/sim-monitor-002/measurements/extra", 10, false)).as("sub-topic")
				.isEqualTo(135);
			assertThat(publishReason(device, "ingest/clinical/owner", 10, false)).as("internal topic").isEqualTo(135);
			assertThat(publishReason(device, "devices/sim-monitor-002/status", 10, true)).as("retained status")
				.isZero();
			assertThat(publishReason(device, "devices/sim-monitor-002/measurements", 60_000, false)).as("60 kB reading")
				.isZero();
			assertThat(publishReason(device, "devices/sim-monitor-002/measurements", 70_000, false)).as("70 kB reading")
				.isNotZero()
				.isNotEqualTo(135);
		}
		finally {
			if (device.isConnected()) {
				device.disconnect().waitForCompletion(10_000);
			}
			device.close();
		}
	}

	/** The PUBACK reason code, or the client's error code when it was refused. */
	private static int publishReason(MqttAsyncClient device, String topic, int size, boolean retained) {
		try {
			IMqttToken token = device.publish(topic, "{\"values\":{}}".repeat(size / 13 + 1).getBytes(), 1, retained);
			token.waitForCompletion(10_000);
			return token.getReasonCodes()[0];
		}
		catch (MqttException ex) {
			return Math.max(1, ex.getReasonCode());
		}
	}

	@Test
	void readingPublishedOverTlsReachesInfluxDbAndGrafana() throws Exception {
		MqttClient device = connect("sim-monitor-003", devicePassword("sim-monitor-003"));
		device.publish("devices/sim-monitor-003/measurements",
				("{\"ts\":\"" + java.time.Instant.now() + "\",\"values\":{\"heart_rate\":71,\"spo2\":98}}")
					.getBytes(StandardCharsets.UTF_8),
				1, false);
		device.disconnect();
		String influx = "http://" + stack.getServiceHost("influxdb", 8086) + ":"
				+ stack.getServicePort("influxdb", 8086);
		String query = URLEncoder.encode("SELECT count(heart_rate) FROM vitals WHERE device = 'sim-monitor-003'",
				StandardCharsets.UTF_8);
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(
					get(influx + "/query?db=vitals&q=" + query, "grafana", env.get("INFLUX_GRAFANA_PASSWORD")).body())
				.contains("\"count\""));

		String grafana = "http://" + stack.getServiceHost("grafana", 3000) + ":"
				+ stack.getServicePort("grafana", 3000);
		HttpResponse<String> datasources = get(grafana + "/api/datasources", env.get("GRAFANA_ADMIN_USER"),
				env.get("GRAFANA_ADMIN_PASSWORD"));
		assertThat(datasources.statusCode()).isEqualTo(200);
		List<String> uids = datasources.body()
			.lines()
			.flatMap((line) -> Stream.of(line.split("\"uid\":\"")).skip(1))
			.map((part) -> part.substring(0, part.indexOf('"')))
			.toList();
		assertThat(uids).isNotEmpty();
		for (String uid : uids) {
			HttpResponse<String> health = get(grafana + "/api/datasources/uid/" + uid + "/health",
					env.get("GRAFANA_ADMIN_USER"), env.get("GRAFANA_ADMIN_PASSWORD"));
			assertThat(health.body()).as(uid).contains("\"status\":\"OK\"");
		}
	}

	@Test
	void ingestExportsItsMetricsIntoOpsWithItsWriteOnlyToken() throws Exception {
		String influx = "http://" + stack.getServiceHost("influxdb", 8086) + ":"
				+ stack.getServicePort("influxdb", 8086);
		String query = URLEncoder.encode("SELECT count(\"value\") FROM \"ingest_queue_depth\" WHERE time > now() - 5m",
				StandardCharsets.UTF_8);
		// Micrometer step 10 s: the first export within a minute of startup.
		await().atMost(Duration.ofMinutes(3))
			.untilAsserted(() -> assertThat(
					get(influx + "/query?db=ops&q=" + query, "grafana", env.get("INFLUX_GRAFANA_PASSWORD")).body())
				.contains("\"count\""));
		// The token may write, and read vitals_raw only (the station's audit trail), not
		// ops.
		String token = stack.getContainerByServiceName("influxdb")
			.orElseThrow()
			.execInContainer("cat", "/var/lib/influxdb2-tokens/ingest.token")
			.getStdout()
			.strip();
		HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(influx + "/query?db=ops&q=" + query))
			.header("Authorization", "Token " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).as(read.body()).isIn(401, 403);
	}

	/**
	 * The ward station over https with the NUC's server certificate: trusted with the
	 * deployment's CA only; its audit trail reads InfluxDB 2.7 through the v1-compatible
	 * /query with the ingest's token (an empty trail, not 503).
	 */
	@Test
	void theStationAnswersOverHttpsAndItsAuditTrailReadsInfluxDb() throws Exception {
		java.security.KeyStore trusted = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
		trusted.load(null, null);
		try (java.io.InputStream ca = Files.newInputStream(repo.resolve("deploy/secrets/tls/ca.crt"))) {
			trusted.setCertificateEntry("ca",
					java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(ca));
		}
		javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory
			.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		URI login = URI.create("https://localhost:" + stack.getServicePort("ingest", 8443) + "/login");
		HttpResponse<String> page = HttpClient.newBuilder()
			.sslContext(tls)
			.build()
			.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(catchThrowableOfType(javax.net.ssl.SSLHandshakeException.class,
				() -> http.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.discarding())))
			.as("without the deployment's CA")
			.isNotNull();
		HttpResponse<String> trail = get(
				"http://localhost:" + stack.getServicePort("ingest", 8080) + "/api/patients/p-nobody/activity",
				env.get("INGEST_ADMIN_USERNAME"), env.get("INGEST_ADMIN_PASSWORD"));
		assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
		assertThat(trail.body()).isEqualTo("[]");
	}

	@Test
	void defaultPasswordsDoNotWork() throws Exception {
		String grafana = "http://" + stack.getServiceHost("grafana", 3000) + ":"
				+ stack.getServicePort("grafana", 3000);
		assertThat(get(grafana + "/api/datasources", "admin", "admin").statusCode()).isEqualTo(401);
		String emqx = "http://" + stack.getServiceHost("emqx", 18083) + ":" + stack.getServicePort("emqx", 18083);
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(emqx + "/api/v5/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"public\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(401);
		String influx = "http://" + stack.getServiceHost("influxdb", 8086) + ":"
				+ stack.getServicePort("influxdb", 8086);
		HttpResponse<String> signin = http.send(HttpRequest.newBuilder(URI.create(influx + "/api/v2/signin"))
			.header("Authorization", basic("admin", "admin"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signin.statusCode()).isEqualTo(401);
	}

	private static MqttClient connect(String device, String password) throws Exception {
		String uri = "ssl://localhost:" + stack.getServicePort("emqx", 8883);
		MqttClient client = new MqttClient(uri, device, new MemoryPersistence());
		client.connect(options(device, password));
		return client;
	}

	private static MqttConnectionOptions options(String device, String password) throws Exception {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setUserName(device);
		options.setPassword(password.getBytes(StandardCharsets.UTF_8));
		options.setSocketFactory(tls(device, p12Password(device)).getSocketFactory());
		options.setConnectionTimeout(10);
		return options;
	}

	private static SSLContext tls(String device, String p12Password) throws Exception {
		Path dir = repo.resolve("deploy/secrets/tls");
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(dir.resolve("devices/" + device + ".p12"))) {
			keys.load(in, p12Password.toCharArray());
		}
		KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		kmf.init(keys, p12Password.toCharArray());
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
			trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
		return context;
	}

	private static String p12Password(String device) {
		try {
			return Files.readString(repo.resolve("deploy/secrets/tls/devices/" + device + ".p12-password")).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String devicePassword(String device) {
		try {
			return Files.readAllLines(repo.resolve("deploy/secrets/devices/passwords.csv"))
				.stream()
				.filter((line) -> line.startsWith(device + ","))
				.map((line) -> line.substring(line.indexOf(',') + 1))
				.findFirst()
				.orElseThrow();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static HttpResponse<String> get(String url, String user, String password) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, password)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Copies the repository without build output, Git data and local secrets. */
	private static void copyRepository(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : (Iterable<Path>) files::iterator) {
				Path relative = from.relativize(source);
				String path = relative.toString().replace('\\', '/');
				if (path.startsWith(".git") || path.contains("/target") || path.startsWith("target")
						|| path.startsWith("deploy/secrets") || path.equals(".env")) {
					continue;
				}
				Path copy = to.resolve(path);
				if (Files.isDirectory(source)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
