package care.vitals.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.testsupport.containers.ComposeImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the compose files with a real parser ({@code docker-compose config}, the
 * Debian docker-compose 1.29) and then checks the rendered model: every service hardened,
 * healthchecked, memory-limited and log-rotated, only 8883 and 3000 published to the
 * network, images pinned to the tags the Testcontainers tests use.
 */
class ComposeFileIntegrationTests {

	private static String dockerCompose;

	@BeforeAll
	static void locate() {
		dockerCompose = Deploy.binary("docker-compose", "docker-compose");
	}

	@Test
	void composeFileIsValidWithEveryVariableOfEnvExample() {
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", ".env.example", "config", "-q");
		assertThat(result.ok()).as(result.output()).isTrue();
	}

	@Test
	void clusterOverrideMergesIntoAValidModel() {
		Deploy.Result result = compose("-f", "docker-compose.yml", "-f", "docker-compose.cluster.yml", "--env-file",
				".env.example", "config");
		assertThat(result.ok()).as(result.output()).isTrue();
		Map<String, Map<String, Object>> services = services(result.output());
		assertThat(services).containsKeys("emqx", "emqx2", "emqx3", "ingest", "ingest-2");
		assertThat(env(services.get("ingest"))).containsEntry("MQTT_SHARED_GROUP", "ingest")
			.containsEntry("MQTT_CLIENT_ID", "ingest-1");
		assertThat(env(services.get("ingest-2"))).containsEntry("MQTT_SHARED_GROUP", "ingest")
			.containsEntry("MQTT_CLIENT_ID", "ingest-2");
		for (String node : List.of("emqx", "emqx2", "emqx3")) {
			assertThat(env(services.get(node))).containsEntry("EMQX_CLUSTER__DISCOVERY_STRATEGY", "static");
		}
	}

	@Test
	void refusesToRenderWithoutTheSecretsOfInit() throws Exception {
		Path empty = java.nio.file.Files.createTempFile("empty", ".env");
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", empty.toString(), "config", "-q");
		assertThat(result.ok()).isFalse();
		assertThat(result.output()).contains("run deploy/init.sh");
	}

	@Test
	void everyServiceIsHealthcheckedLimitedRotatedAndRestarted() {
		Map<String, Map<String, Object>> services = renderedServices();
		assertThat(services).containsOnlyKeys("emqx", "influxdb", "grafana", "telegraf", "ingest", "publisher");
		services.forEach((name, service) -> {
			assertThat(service).as(name).containsKeys("healthcheck", "mem_limit", "logging");
			assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
			Map<String, Object> logging = map(service.get("logging"));
			assertThat(logging.get("driver")).as(name).isEqualTo("json-file");
			assertThat(map(logging.get("options"))).as(name).containsKeys("max-size", "max-file");
			assertThat(service.get("security_opt").toString()).as(name).contains("no-new-privileges:true");
			Object dependsOn = service.get("depends_on");
			if (dependsOn != null) {
				((Map<?, ?>) dependsOn)
					.forEach((dependency, condition) -> assertThat(((Map<?, ?>) condition).get("condition"))
						.as(name + " -> " + dependency)
						.isEqualTo("service_healthy"));
			}
		});
	}

	@Test
	void memoryLimitsStayWithinTheDocumentedNucBudget() {
		long total = renderedServices().values()
			.stream()
			.mapToLong((service) -> bytes(String.valueOf(service.get("mem_limit"))))
			.sum();
		// docs/deployment.md: 7.75 GiB for the containers of a 16 GB NUC, the rest for
		// the OS and its page cache (InfluxDB reads through it).
		assertThat(total).isLessThanOrEqualTo(8L * 1024 * 1024 * 1024);
	}

	@Test
	void onlyMqttOverTlsAndGrafanaArePublishedBeyondLocalhost() {
		List<String> public_ = new ArrayList<>();
		renderedServices().forEach((name, service) -> {
			for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
				if (port instanceof Map<?, ?> map) {
					if (map.get("host_ip") == null || "0.0.0.0".equals(map.get("host_ip"))) {
						public_.add(name + ":" + map.get("published"));
					}
				}
				else {
					String spec = port.toString();
					assertThat(spec).as(name).startsWith("127.0.0.1:");
				}
			}
		});
		assertThat(public_).containsExactlyInAnyOrder("emqx:8883", "grafana:3000");
	}

	@Test
	void imagesArePinnedToTheTagsOfTheContainerTests() {
		Map<String, Map<String, Object>> services = renderedServices();
		assertThat(services.get("emqx").get("image")).isEqualTo(ComposeImages.EMQX.asCanonicalNameString());
		assertThat(services.get("influxdb").get("image")).isEqualTo(ComposeImages.INFLUXDB.asCanonicalNameString());
		assertThat(services.get("grafana").get("image")).isEqualTo(ComposeImages.GRAFANA.asCanonicalNameString());
		assertThat(services.get("telegraf").get("image")).isEqualTo(ComposeImages.TELEGRAF.asCanonicalNameString());
		assertThat(services.get("ingest")).containsKey("build");
		assertThat(services.get("publisher")).containsKey("build");
	}

	@Test
	void servicesGetTheConfigurationOfTheContracts() {
		Map<String, Map<String, Object>> services = renderedServices();
		assertThat(env(services.get("ingest"))).containsKeys("MQTT_URL", "MQTT_CLIENT_ID", "MQTT_USERNAME",
				"MQTT_PASSWORD", "MQTT_SHARED_GROUP", "INFLUX_URL", "INFLUX_API", "INFLUX_TOKEN_FILE", "INFLUX_ORG",
				"INFLUX_BUCKET", "INFLUX_DATABASE", "INFLUX_RETENTION_POLICY", "SPOOL_DIR", "SERVER_PORT",
				"INGEST_ADMIN_USERNAME", "INGEST_ADMIN_PASSWORD");
		assertThat(env(services.get("publisher"))).containsKeys("MQTT_URL", "MQTT_USERNAME", "MQTT_PASSWORD",
				"SERVER_PORT", "PUBLISHER_API_USERNAME", "PUBLISHER_API_PASSWORD");
		assertThat(env(services.get("grafana"))).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
			.containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
	}

	private static Map<String, Map<String, Object>> renderedServices() {
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", ".env.example", "config");
		assertThat(result.ok()).as(result.output()).isTrue();
		return services(result.output());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services(String yaml) {
		Map<String, Object> model = new Yaml().load(yaml);
		return (Map<String, Map<String, Object>>) model.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> env(Map<String, Object> service) {
		return (Map<String, String>) service.get("environment");
	}

	private static long bytes(String limit) {
		Matcher matcher = Pattern.compile("(?i)(\\d+)([kmg]?)b?").matcher(limit.strip());
		assertThat(matcher.matches()).as(limit).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2).toLowerCase()) {
			case "k" -> value * 1024;
			case "m" -> value * 1024 * 1024;
			case "g" -> value * 1024 * 1024 * 1024;
			default -> value;
		};
	}

	private static Deploy.Result compose(String... args) {
		String[] command = new String[args.length + 1];
		command[0] = dockerCompose;
		System.arraycopy(args, 0, command, 1, args.length);
		return Deploy.run(Deploy.root(), Map.of(), java.time.Duration.ofMinutes(1), command);
	}

}
