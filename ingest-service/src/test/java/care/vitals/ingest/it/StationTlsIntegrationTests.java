package care.vitals.ingest.it;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verifies the station over https as the compose file runs it: the real ingest with a PEM
 * SSL bundle made of a server certificate freshly issued by the deployment's own CA with
 * deploy/lib/tls.sh (what deploy/init.sh runs), plus the plain-HTTP port on loopback for
 * health checks. A client that trusts the CA gets the login page with a {@code Secure}
 * session cookie; one that does not (the JVM's default trust store) is refused in the
 * handshake.
 */
class StationTlsIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path dir;

	@Test
	void theStationAnswersOverHttpsToAClientThatTrustsTheDeploymentsCaOnly() throws Exception {
		Path tls = this.dir.resolve("tls");
		issueCertificates(tls);
		influx.createDatabase("station_tls");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-station-tls", influx.url(),
				"station_tls", this.dir.resolve("spool"));
		properties.put("server.ssl.bundle", "station");
		properties.put("spring.ssl.bundle.pem.station.keystore.certificate", "file:" + tls.resolve("server.crt"));
		properties.put("spring.ssl.bundle.pem.station.keystore.private-key", "file:" + tls.resolve("server.key"));
		int plainPort = freePort();
		properties.put("ingest.plain-http.port", Integer.toString(plainPort));
		properties.put("ingest.plain-http.address", "127.0.0.1");
		properties.put("ingest.accounts.file", this.dir.resolve("accounts.json").toString());
		try (RunningIngest ingest = RunningIngest.start(properties)) {
			URI login = URI.create("https://localhost:" + ingest.port() + "/login");
			HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(tls.resolve("ca.crt"))).build();
			HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(login).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("Log in");
			List<String> cookies = page.headers().allValues("Set-Cookie");
			assertThat(cookies).as("the session cookie only over TLS")
				.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=")
					.contains("Secure")
					.contains("HttpOnly")
					.contains("SameSite=Strict"));

			HttpClient untrusting = HttpClient.newHttpClient();
			assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(login).build(),
					HttpResponse.BodyHandlers.discarding()))
				.as("without the deployment's CA")
				.isInstanceOf(SSLHandshakeException.class);

			// plain HTTP only on loopback, for the healthcheck
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("UP");
		}
	}

	/** The CA and the server certificate, made by deploy/lib/tls.sh as init.sh does. */
	private static void issueCertificates(Path tls) throws Exception {
		Path script = IngestProcess.repositoryRoot().resolve("deploy/lib/tls.sh");
		Process process = new ProcessBuilder("bash", "-c",
				"set -e; TLS_DIR=\"$1\"; source \"$2\"; tls_ca; tls_server station.ward.test ''", "tls", tls.toString(),
				script.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(tls.resolve("server.crt")).exists();
		assertThat(Files.readString(tls.resolve("server.key"))).contains("PRIVATE KEY");
	}

	private static SSLContext trusting(Path ca) throws Exception {
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		store.load(null, null);
		try (InputStream in = Files.newInputStream(ca)) {
			store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
