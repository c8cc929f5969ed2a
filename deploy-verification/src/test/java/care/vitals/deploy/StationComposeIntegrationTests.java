package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that every ingest container of the compose files (single node and cluster)
 * gets every setting of the ward station the service reads, as {@code .env} sets it: the
 * list is taken from the service's own {@code application.yml} (every
 * {@code ${STATION_...}} placeholder), so a setting added to the service and forgotten in
 * a compose file, or passed as a constant instead of from {@code .env}, fails here. The
 * OpenID Connect client secret reaches the containers only as a file.
 */
class StationComposeIntegrationTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(STATION_[A-Z0-9_]+)");

	@Test
	void everyIngestContainerGetsEveryStationSettingFromTheEnvAndTheClientSecretAsAFile() throws IOException {
		Set<String> settings = stationSettings();
		assertThat(settings).contains("STATION_BEDS", "STATION_DEVICES", "STATION_GRAFANA_URL", "STATION_TIME_ZONE",
				"STATION_IDLE_TIMEOUT", "STATION_OIDC_ISSUER", "STATION_OIDC_CLIENT_ID", "STATION_OIDC_CLIENT_SECRET",
				"STATION_OIDC_ROLES_CLAIM", "STATION_OIDC_USERNAME_CLAIM");
		Map<String, String> example = Deploy.readEnv(Deploy.root().resolve(".env.example"));
		Map<String, String> values = new LinkedHashMap<>(ComposeFileIntegrationTests.ALERT_SETTINGS);
		for (String setting : settings) {
			if (Deploy.isSecret(setting)) {
				assertThat(example).as(setting + " is a file, never a value of .env").doesNotContainKey(setting);
				continue;
			}
			assertThat(example).as(setting + " documented in .env.example").containsKey(setting);
			values.put(setting, "value-of-" + setting.toLowerCase().replace('_', '-'));
		}
		Deploy.Result result = ComposeFileIntegrationTests.compose("-f", "docker-compose.yml", "-f",
				"docker-compose.cluster.yml", "--env-file", ComposeFileIntegrationTests.filledEnv(values).toString(),
				"config");
		assertThat(result.ok()).as(result.output()).isTrue();
		Map<String, Map<String, Object>> services = ComposeFileIntegrationTests.services(result.output());
		for (String name : new String[] { "ingest", "ingest-2" }) {
			Map<String, String> env = ComposeFileIntegrationTests.env(services.get(name));
			for (String setting : settings) {
				if (Deploy.isSecret(setting)) {
					assertThat(env).as(name + " " + setting)
						.containsEntry(setting + "_FILE", "/run/secrets/station_oidc_client_secret")
						.doesNotContainKey(setting);
				}
				else {
					assertThat(env).as(name + " " + setting).containsEntry(setting, values.get(setting));
				}
			}
			assertThat(services.get(name).get("secrets").toString()).contains("station_oidc_client_secret");
		}
		assertThat(result.output()).contains("deploy/secrets/station/oidc-client-secret");
		// the image's entrypoint turns the file into the variable the service reads
		assertThat(Files.readString(Deploy.root().resolve("deploy/docker/entrypoint.sh")))
			.contains(" STATION_OIDC_CLIENT_SECRET ");
	}

	/**
	 * The station is served over https with the NUC's server certificate (issued by
	 * deploy/init.sh from the deployment's CA) mounted as the PEM SSL bundle, published
	 * on every interface; plain HTTP stays on the NUC's loopback for the healthcheck; the
	 * session cookie is Secure.
	 */
	@Test
	void theStationIsServedOverHttpsWithTheServerCertificateAndPlainHttpStaysLocal() {
		Deploy.Result result = ComposeFileIntegrationTests.compose("-f", "docker-compose.yml", "-f",
				"docker-compose.cluster.yml", "--env-file", ComposeFileIntegrationTests.filledEnv().toString(),
				"config");
		assertThat(result.ok()).as(result.output()).isTrue();
		Map<String, Map<String, Object>> services = ComposeFileIntegrationTests.services(result.output());
		for (String name : new String[] { "ingest", "ingest-2" }) {
			Map<String, Object> service = services.get(name);
			assertThat(ComposeFileIntegrationTests.env(service)).as(name)
				.containsEntry("SERVER_PORT", "8443")
				.containsEntry("SERVER_SSL_BUNDLE", "station")
				.containsEntry("SPRING_SSL_BUNDLE_PEM_STATION_KEYSTORE_CERTIFICATE", "file:/run/station-tls/server.crt")
				.containsEntry("SPRING_SSL_BUNDLE_PEM_STATION_KEYSTORE_PRIVATE_KEY", "file:/run/station-tls/server.key")
				.containsEntry("INGEST_PLAIN_HTTP_PORT", "8080")
				.containsEntry("STATION_COOKIE_SECURE", "true");
			String volumes = service.get("volumes").toString();
			assertThat(volumes).as(name)
				.containsPattern("deploy/secrets/tls/server\\.crt[^,]*/run/station-tls/server\\.crt")
				.containsPattern("deploy/secrets/tls/server\\.key[^,]*/run/station-tls/server\\.key");
			assertThat(service.get("healthcheck").toString()).as(name)
				.contains("http://127.0.0.1:8080/actuator/health/readiness");
			String ports = service.get("ports").toString();
			assertThat(ports).as(name).contains("target=8443").containsPattern("127\\.0\\.0\\.1:808[02]:8080");
		}
		assertThat(services.get("ingest").get("ports").toString()).contains("published=8443");
	}

	/** Every {@code STATION_*} variable the ingest's application.yml reads. */
	static Set<String> stationSettings() throws IOException {
		String yml = Files.readString(Deploy.root().resolve("ingest-service/src/main/resources/application.yml"));
		Set<String> settings = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(yml);
		while (matcher.find()) {
			settings.add(matcher.group(1));
		}
		return settings;
	}

}
