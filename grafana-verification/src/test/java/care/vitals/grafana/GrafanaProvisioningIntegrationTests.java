package care.vitals.grafana;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import care.vitals.testsupport.containers.ComposeContainers;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the compose image of Grafana with {@code grafana/provisioning} and
 * {@code grafana/dashboards} where the compose file mounts them, the environment the
 * compose file passes and the datasource password file where it mounts that secret, and
 * checks through Grafana's HTTP API that the datasources, dashboards, alert rules,
 * contact points and notification policies loaded without provisioning errors. Docker
 * hosts only.
 */
@Testcontainers(disabledWithoutDocker = true)
class GrafanaProvisioningIntegrationTests {

	private static final String PASSWORD = ComposeContainers.random();

	@Container
	static final GenericContainer<?> grafana = ComposeContainers.grafana(PASSWORD)
		.withCopyFileToContainer(MountableFile.forHostPath(GrafanaFiles.provisioningDir()), "/etc/grafana/provisioning")
		.withCopyFileToContainer(MountableFile.forHostPath(GrafanaFiles.dashboardsDir()), "/etc/grafana/dashboards")
		.withEnv("INFLUX_URL", "http://influxdb:8086")
		.withEnv("INFLUX_DATABASE", "vitals")
		.withEnv("INFLUX_OPS_DATABASE", "ops")
		.withEnv("INFLUX_USERNAME", "grafana")
		// The datasource password as a file where the compose file mounts the secret
		// (mode 0444: Grafana runs as uid 472); no INFLUX_PASSWORD in the environment.
		.withCopyToContainer(Transferable.of(ComposeContainers.random(), 0444),
				DatasourceProvisioningTests.PASSWORD_FILE)
		.withEnv("ALERT_WEBHOOK_URL", "http://nurse-call.invalid/grafana")
		.withEnv("ALERT_EMAIL_ADDRESSES", "ward-a@hospital.invalid")
		.withEnv("OPS_ALERT_EMAIL_ADDRESSES", "platform@hospital.invalid");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void datasourcesLoadAsInfluxQlWithTheirDatabases() throws Exception {
		JsonNode vitals = get("/api/datasources/uid/vitals-influxql");
		assertThat(vitals.path("type").asString()).isEqualTo("influxdb");
		assertThat(vitals.path("url").asString()).isEqualTo("http://influxdb:8086");
		assertThat(vitals.path("jsonData").path("version").asString()).isEqualTo("InfluxQL");
		assertThat(vitals.path("jsonData").path("dbName").asString()).isEqualTo("vitals");
		assertThat(vitals.path("secureJsonFields").path("password").asBoolean(false)).isTrue();
		assertThat(get("/api/datasources/uid/ops-influxql").path("jsonData").path("dbName").asString())
			.isEqualTo("ops");
	}

	@Test
	void everyDashboardLoadsAsProvisionedInItsFolder() throws Exception {
		Set<String> found = new HashSet<>();
		get("/api/search?type=dash-db&limit=5000").forEach((hit) -> found.add(hit.path("uid").asString()));
		assertThat(found).containsAll(DashboardStructureTests.DASHBOARD_UIDS);
		for (String uid : DashboardStructureTests.DASHBOARD_UIDS) {
			JsonNode dashboard = get("/api/dashboards/uid/" + uid);
			assertThat(dashboard.path("meta").path("provisioned").asBoolean(false)).as(uid).isTrue();
			assertThat(dashboard.path("dashboard").path("panels").size()).as(uid).isPositive();
		}
	}

	@Test
	void alertRulesContactPointsAndPoliciesLoad() throws Exception {
		Set<String> rules = new HashSet<>();
		get("/api/v1/provisioning/alert-rules").forEach((rule) -> rules.add(rule.path("uid").asString()));
		assertThat(rules).containsExactlyInAnyOrderElementsOf(
				GrafanaFiles.alertRules().stream().map(GrafanaFiles.AlertRule::uid).collect(Collectors.toSet()));
		Set<String> contactPoints = new HashSet<>();
		get("/api/v1/provisioning/contact-points").forEach((point) -> contactPoints.add(point.path("name").asString()));
		assertThat(contactPoints).contains("ward-pager", "ward-email", "platform-email");
		JsonNode policies = get("/api/v1/provisioning/policies");
		assertThat(policies.path("receiver").asString()).isEqualTo("platform-email");
		assertThat(policies.path("routes").size()).isEqualTo(2);
	}

	@Test
	void provisioningLogsNoErrors() {
		List<String> errors = new ArrayList<>();
		for (String line : grafana.getLogs().split("\n")) {
			// Only the provisioning loggers: rule evaluations fail here by design (no
			// InfluxDB).
			if (line.contains("level=error") && line.contains("logger=provisioning")) {
				errors.add(line);
			}
		}
		assertThat(errors).isEmpty();
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(
					"http://" + grafana.getHost() + ":" + grafana.getMappedPort(ComposeContainers.GRAFANA_PORT) + path))
			.header("Authorization", "Basic " + auth)
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return GrafanaFiles.JSON.readTree(response.body());
	}

}
