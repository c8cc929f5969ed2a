package care.vitals.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.testsupport.JvmOptionsFile;
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

	/**
	 * The alert routing the hospital fills in (.env.example leaves it empty): as a
	 * deployment would set it.
	 */
	static final Map<String, String> ALERT_SETTINGS = alertSettings();

	/**
	 * The ingest's JVM flags, sized for RSS at most 256 MB (docs/benchmarks.md): one file
	 * the benchmark and the fault tests start the jar with, and every deployment repeats.
	 */
	static final List<String> INGEST_JVM_FLAGS = JvmOptionsFile.read(Deploy.root().resolve(JvmOptionsFile.INGEST));

	private static String dockerCompose;

	private static Map<String, String> alertSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("ALERT_WEBHOOK_URL", "https://nurse-call.hospital.invalid/grafana");
		settings.put("ALERT_EMAIL_ADDRESSES", "ward-a@hospital.invalid,ward-lead@hospital.invalid");
		settings.put("OPS_ALERT_EMAIL_ADDRESSES", "it-oncall@hospital.invalid");
		settings.put("SMTP_HOST", "smtp.hospital.invalid:587");
		settings.put("SMTP_FROM_ADDRESS", "vitals@hospital.invalid");
		return Collections.unmodifiableMap(settings);
	}

	@BeforeAll
	static void locate() {
		dockerCompose = Deploy.binary("docker-compose", "docker-compose");
	}

	@Test
	void aCopiedEnvExampleStartsNothingEvenWithTheAlertRoutingFilledIn() throws Exception {
		Map<String, String> example = Deploy.readEnv(Deploy.root().resolve(".env.example"));
		List<String> secrets = example.keySet().stream().filter(Deploy::isSecret).toList();
		assertThat(secrets).contains("GRAFANA_ADMIN_PASSWORD", "INFLUX_ADMIN_TOKEN", "EMQX_NODE_COOKIE",
				"INGEST_ADMIN_PASSWORD");
		secrets.forEach((key) -> assertThat(example.get(key)).as(key + " in .env.example").isEmpty());
		// `cp .env.example .env` plus the hospital's alert settings: the secrets are
		// still
		// the template's.
		Path copied = Files.createTempFile("copied", ".env");
		StringBuilder env = new StringBuilder(Files.readString(Deploy.root().resolve(".env.example")));
		ALERT_SETTINGS.forEach((key, value) -> env.append(key).append('=').append(value).append('\n'));
		Files.writeString(copied, env);
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", copied.toString(), "config", "-q");
		assertThat(result.ok()).as(result.output()).isFalse();
		assertThat(result.output()).contains("run deploy/init.sh");
		// No secret is interpolated into the compose model at all (they reach the
		// containers as files only); the marker init.sh sets is required.
		String compose = Files.readString(Deploy.root().resolve("docker-compose.yml"))
				+ Files.readString(Deploy.root().resolve("docker-compose.cluster.yml"));
		Matcher uses = Pattern.compile("\\$\\{(\\w+)(:?[-?]?)").matcher(compose);
		List<String> interpolated = new ArrayList<>();
		while (uses.find()) {
			interpolated.add(uses.group(1));
			if (uses.group(1).equals("VITALS_INITIALIZED")) {
				assertThat(uses.group(2)).isEqualTo(":?");
			}
		}
		assertThat(interpolated).contains("VITALS_INITIALIZED").noneMatch(Deploy::isSecret);
		assertThat(example).containsEntry("VITALS_INITIALIZED", "");
	}

	/**
	 * Verifies that secrets reach the containers as files only (Docker secrets written by
	 * deploy/init.sh), so `docker inspect` shows none, in the single-node and the cluster
	 * model.
	 */
	@Test
	void secretsReachTheContainersAsFilesOnly() throws Exception {
		Path env = filledEnv(ALERT_SETTINGS);
		Map<String, String> values = Deploy.readEnv(env);
		for (List<String> files : List.of(List.of("-f", "docker-compose.yml"),
				List.of("-f", "docker-compose.yml", "-f", "docker-compose.cluster.yml"))) {
			List<String> args = new ArrayList<>(files);
			args.addAll(List.of("--env-file", env.toString(), "config"));
			Deploy.Result result = compose(args.toArray(String[]::new));
			assertThat(result.ok()).as(result.output()).isTrue();
			assertSecretsAsFiles(result.output(), values);
		}
		Map<String, Map<String, Object>> services = services(compose("-f", "docker-compose.yml", "-f",
				"docker-compose.cluster.yml", "--env-file", env.toString(), "config")
			.output());
		for (String name : List.of("emqx", "emqx2", "emqx3")) {
			assertThat(env(services.get(name))).containsEntry("EMQX_NODE__COOKIE_FILE", "/run/secrets/emqx_node_cookie")
				.containsEntry("EMQX_DASHBOARD__DEFAULT_PASSWORD_FILE", "/run/secrets/emqx_dashboard_password");
		}
		for (String name : List.of("ingest", "ingest-2")) {
			assertThat(env(services.get(name))).containsEntry("MQTT_PASSWORD_FILE", "/run/secrets/mqtt_ingest_password")
				.containsEntry("INGEST_ADMIN_PASSWORD_FILE", "/run/secrets/ingest_admin_password")
				.doesNotContainKeys("MQTT_PASSWORD", "INGEST_ADMIN_PASSWORD");
		}
	}

	private static void assertSecretsAsFiles(String rendered, Map<String, String> values) throws IOException {
		Map<String, Object> model = new Yaml().load(rendered);
		Map<String, Map<String, Object>> services = services(rendered);
		List<String> asValues = new ArrayList<>();
		services.forEach((name, service) -> env(service).forEach((key, value) -> {
			if (values.containsValue(value) && values.entrySet()
				.stream()
				.anyMatch((entry) -> Deploy.isSecret(entry.getKey()) && entry.getValue().equals(value))) {
				asValues.add(name + ":" + key);
			}
		}));
		assertThat(asValues).isEmpty();
		// Every *_FILE / *__FILE under /run/secrets names a secret the service has, and
		// every such secret is a file deploy/init.sh writes.
		Map<String, Object> declared = map(model.get("secrets"));
		services.forEach((name, service) -> env(service).forEach((key, value) -> {
			if (key.endsWith("_FILE") && value.startsWith("/run/secrets/")) {
				String secret = value.substring("/run/secrets/".length());
				assertThat(String.valueOf(service.get("secrets"))).as(name + " " + key).contains(secret);
				assertThat(String.valueOf(map(declared.get(secret)).get("file"))).as(secret)
					.matches(".*/deploy/secrets/(env/[A-Z_]+|grafana/smtp-password|station/oidc-client-secret)");
			}
		}));
		assertThat(env(services.get("grafana")))
			.containsKeys("GF_SECURITY_ADMIN_PASSWORD__FILE", "GF_SECURITY_SECRET_KEY__FILE")
			.doesNotContainKeys("INFLUX_PASSWORD", "INFLUX_PASSWORD_FILE");
		assertGrafanaReadsItsDatasourcePasswordWhereComposeMountsIt(services.get("grafana"), declared);
		assertThat(env(services.get("influxdb"))).containsKeys("DOCKER_INFLUXDB_INIT_PASSWORD_FILE",
				"DOCKER_INFLUXDB_INIT_ADMIN_TOKEN_FILE");
		// The check that turns NAME_FILE into NAME knows every NAME used here that the
		// image does not read itself (Grafana reads GF_*__FILE).
		String entrypoint = Files.readString(Deploy.root().resolve("deploy/docker/entrypoint.sh"));
		services.forEach((name, service) -> env(service).entrySet()
			.stream()
			.filter((entry) -> entry.getKey().endsWith("_FILE") && !entry.getKey().endsWith("__FILE")
					&& entry.getValue().matches("/run/(secrets|influx-tokens)/.*"))
			.map((entry) -> entry.getKey().substring(0, entry.getKey().length() - "_FILE".length()))
			.forEach((secret) -> assertThat(entrypoint).as(name + " " + secret)
				.containsPattern("VITALS_FILE_SECRETS=.*\\b" + secret + "\\b")));
	}

	/**
	 * Grafana's datasource password is no environment value on either install: the
	 * provisioning reads it with {@code $__file{PATH}}, and compose mounts the secret
	 * {@code influx_grafana_password} (the file deploy/init.sh writes) at exactly that
	 * PATH and lists it for the entrypoint's check (VITALS_CREDENTIAL_FILES).
	 */
	@SuppressWarnings("unchecked")
	private static void assertGrafanaReadsItsDatasourcePasswordWhereComposeMountsIt(Map<String, Object> grafana,
			Map<String, Object> declared) throws IOException {
		String provisioning = Files.readString(Deploy.root().resolve("grafana/provisioning/datasources/influxdb.yaml"));
		Matcher password = Pattern.compile("(?m)^\\s+password:\\s*(.*)$").matcher(provisioning);
		List<String> files = new ArrayList<>();
		while (password.find()) {
			Matcher file = Pattern.compile("\\$__file\\{(/[^}$]+)}").matcher(password.group(1).trim());
			assertThat(file.matches()).as("datasource password " + password.group(1) + " is not a $__file{}").isTrue();
			files.add(file.group(1));
		}
		assertThat(files).hasSize(2).containsOnly("/etc/grafana/secrets/influx_grafana_password");
		String path = files.get(0);
		Map<String, Object> mounted = null;
		for (Object secret : (List<Object>) grafana.get("secrets")) {
			if (secret instanceof Map<?, ?> longSyntax && path.equals(longSyntax.get("target"))) {
				mounted = (Map<String, Object>) longSyntax;
			}
		}
		assertThat(mounted).as("grafana has no secret mounted at " + path).isNotNull();
		assertThat(mounted.get("source")).isEqualTo("influx_grafana_password");
		assertThat(String.valueOf(map(declared.get("influx_grafana_password")).get("file")))
			.endsWith("/deploy/secrets/env/INFLUX_GRAFANA_PASSWORD");
		assertThat(env(grafana)).containsEntry("VITALS_CREDENTIAL_FILES", path);
	}

	@Test
	void simulatorAndAlertCatchersRunOnlyWithTheirProfiles() {
		Map<String, Map<String, Object>> services = renderedServices();
		assertThat(services.get("publisher").get("profiles")).isEqualTo(List.of("simulation"));
		assertThat(services.get("mail-catcher").get("profiles")).isEqualTo(List.of("demo"));
		assertThat(services.get("webhook-catcher").get("profiles")).isEqualTo(List.of("demo"));
		services.forEach((name, service) -> {
			if (!List.of("publisher", "mail-catcher", "webhook-catcher").contains(name)) {
				assertThat(service).as(name).doesNotContainKey("profiles");
			}
		});
		assertThat(Deploy.readEnv(Deploy.root().resolve(".env.example"))).containsEntry("COMPOSE_PROFILES", "");
	}

	@Test
	void composeFileIsValidWithEveryVariableOfEnvExampleInitsSecretsAndTheHospitalsAlertSettings() {
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", filledEnv().toString(), "config",
				"-q");
		assertThat(result.ok()).as(result.output()).isTrue();
	}

	@Test
	void refusesToRenderWhileAnAlertSettingOfEnvExampleIsEmpty() throws Exception {
		// The settings compose requires from the hospital, and init.sh asks for, are
		// these.
		Matcher required = Pattern.compile("\\$\\{(\\w+):\\?set \\1 in \\.env")
			.matcher(Files.readString(Deploy.root().resolve("docker-compose.yml")));
		List<String> requiredByCompose = new ArrayList<>();
		while (required.find()) {
			requiredByCompose.add(required.group(1));
		}
		assertThat(requiredByCompose).containsExactlyInAnyOrderElementsOf(ALERT_SETTINGS.keySet());
		String requiredByInit = Files.readAllLines(Deploy.root().resolve("deploy/init.sh"))
			.stream()
			.filter((line) -> line.startsWith("REQUIRED_SETTINGS=("))
			.findFirst()
			.orElseThrow();
		assertThat(requiredByInit.replaceAll("^REQUIRED_SETTINGS=\\(|\\)$", "").split(" "))
			.containsExactlyInAnyOrderElementsOf(ALERT_SETTINGS.keySet());
		Map<String, String> example = Deploy.readEnv(Deploy.root().resolve(".env.example"));
		assertThat(example).containsKeys(ALERT_SETTINGS.keySet().toArray(String[]::new));
		ALERT_SETTINGS.keySet().forEach((key) -> assertThat(example.get(key)).as(key).isEmpty());
		Deploy.Result asShipped = compose("-f", "docker-compose.yml", "--env-file", ".env.example", "config", "-q");
		assertThat(asShipped.ok()).isFalse();
		for (String key : ALERT_SETTINGS.keySet()) {
			Map<String, String> values = new LinkedHashMap<>(ALERT_SETTINGS);
			values.put(key, "");
			Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", filledEnv(values).toString(),
					"config", "-q");
			assertThat(result.ok()).as(key + " empty").isFalse();
			assertThat(result.output()).as(key + " empty").contains("set " + key + " in .env");
		}
	}

	@Test
	void grafanaGetsTheAlertRoutingAndTheSmtpPasswordOnlyAsASecretFile() {
		Map<String, Map<String, Object>> services = renderedServices();
		Map<String, String> grafana = env(services.get("grafana"));
		assertThat(grafana).containsEntry("ALERT_WEBHOOK_URL", ALERT_SETTINGS.get("ALERT_WEBHOOK_URL"))
			.containsEntry("ALERT_EMAIL_ADDRESSES", ALERT_SETTINGS.get("ALERT_EMAIL_ADDRESSES"))
			.containsEntry("OPS_ALERT_EMAIL_ADDRESSES", ALERT_SETTINGS.get("OPS_ALERT_EMAIL_ADDRESSES"))
			.containsEntry("GF_SMTP_ENABLED", "true")
			.containsEntry("GF_SMTP_HOST", ALERT_SETTINGS.get("SMTP_HOST"))
			.containsEntry("GF_SMTP_FROM_ADDRESS", ALERT_SETTINGS.get("SMTP_FROM_ADDRESS"))
			.containsEntry("GF_SMTP_PASSWORD__FILE", "/run/secrets/smtp_password")
			.containsEntry("GF_SERVER_ROOT_URL", "https://vitals-nuc.local:3000/")
			.containsKey("GF_SMTP_USER")
			.doesNotContainKey("GF_SMTP_PASSWORD");
		assertThat(services.get("grafana").get("secrets").toString()).contains("smtp_password");
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", filledEnv().toString(), "config");
		Map<String, Object> secrets = map(((Map<?, ?>) new Yaml().load(result.output())).get("secrets"));
		assertThat(String.valueOf(map(secrets.get("smtp_password")).get("file")))
			.endsWith("deploy/secrets/grafana/smtp-password");
	}

	@Test
	void clusterOverrideMergesIntoAValidModel() {
		Deploy.Result result = compose("-f", "docker-compose.yml", "-f", "docker-compose.cluster.yml", "--env-file",
				filledEnv().toString(), "config");
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
		// ingest-2 is a copy of ingest (another file, so no YAML anchor): same settings
		// but its broker node and client id.
		Map<String, String> first = new LinkedHashMap<>(env(services.get("ingest")));
		Map<String, String> second = new LinkedHashMap<>(env(services.get("ingest-2")));
		assertThat(second.remove("MQTT_URL")).isEqualTo("tcp://emqx2.vitals:1883");
		assertThat(first.remove("MQTT_URL")).isEqualTo("tcp://emqx:1883");
		first.remove("MQTT_CLIENT_ID");
		second.remove("MQTT_CLIENT_ID");
		assertThat(second).isEqualTo(first);
		for (String key : List.of("mem_limit", "healthcheck", "read_only", "tmpfs", "security_opt", "stop_grace_period",
				"image")) {
			assertThat(services.get("ingest-2").get(key)).as(key).isEqualTo(services.get("ingest").get(key));
		}
	}

	@Test
	void refusesToRenderWithoutTheSecretsOfInit() throws Exception {
		Path empty = Files.createTempFile("empty", ".env");
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", empty.toString(), "config", "-q");
		assertThat(result.ok()).isFalse();
		assertThat(result.output()).contains("run deploy/init.sh");
	}

	@Test
	void everyServiceIsHealthcheckedLimitedRotatedAndRestarted() {
		Map<String, Map<String, Object>> services = renderedServices();
		assertThat(services).containsOnlyKeys("emqx", "influxdb", "grafana", "telegraf", "ingest", "publisher",
				"mail-catcher", "webhook-catcher");
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
		// docs/deployment.md: 7.1 GiB for the containers of a 16 GB NUC, the rest for
		// the OS and its page cache (InfluxDB reads through it).
		assertThat(total).isLessThanOrEqualTo(8L * 1024 * 1024 * 1024);
	}

	@Test
	void onlyMqttOverTlsGrafanaAndTheStationOverHttpsArePublishedBeyondLocalhost() {
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
		assertThat(public_).containsExactlyInAnyOrder("emqx:8883", "grafana:3000", "ingest:8443");
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

	/**
	 * Grafana is pinned past the fixes of CVE-2025-4123 (open redirect and XSS, fixed in
	 * 11.6.2, 12.0.1) and CVE-2025-6023 (fixed in 11.6.3+security-01, 12.0.2+security-01;
	 * the first plain releases with both: 11.6.4, 12.0.3) for its release line; a line
	 * not listed here must be checked against Grafana's advisories and added.
	 */
	@Test
	void grafanaIsPinnedPastTheFixesOfCve20254123AndCve20256023() {
		String image = String.valueOf(renderedServices().get("grafana").get("image"));
		java.util.regex.Matcher version = java.util.regex.Pattern
			.compile("grafana/grafana-oss:(\\d+)\\.(\\d+)\\.(\\d+)(\\S*)")
			.matcher(image);
		assertThat(version.matches()).as(image).isTrue();
		Map<String, Integer> firstFixedPatch = Map.of("11.6", 4, "12.0", 3);
		String line = version.group(1) + "." + version.group(2);
		assertThat(firstFixedPatch).as("release line of " + image + ": check CVE-2025-4123 and CVE-2025-6023")
			.containsKey(line);
		assertThat(Integer.parseInt(version.group(3))).as(image).isGreaterThanOrEqualTo(firstFixedPatch.get(line));
	}

	@Test
	void servicesGetTheConfigurationOfTheContracts() {
		Map<String, Map<String, Object>> services = renderedServices();
		assertThat(env(services.get("ingest"))).containsKeys("MQTT_URL", "MQTT_CLIENT_ID", "MQTT_USERNAME",
				"MQTT_PASSWORD_FILE", "MQTT_SHARED_GROUP", "INFLUX_URL", "INFLUX_API", "INFLUX_TOKEN_FILE",
				"INFLUX_ORG", "INFLUX_BUCKET", "INFLUX_DATABASE", "INFLUX_RETENTION_POLICY", "SPOOL_DIR", "SERVER_PORT",
				"INGEST_ADMIN_USERNAME", "INGEST_ADMIN_PASSWORD_FILE");
		assertThat(env(services.get("publisher"))).containsKeys("MQTT_URL", "MQTT_USERNAME", "MQTT_PASSWORD_FILE",
				"SERVER_PORT", "PUBLISHER_API_USERNAME", "PUBLISHER_API_PASSWORD_FILE");
		assertThat(env(services.get("grafana"))).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
			.containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
	}

	@Test
	void ingestExportsItsMetricsToOpsAndRunsInItsMemoryBudget() {
		Map<String, Object> ingest = renderedServices().get("ingest");
		assertThat(env(ingest)).containsEntry("OPS_METRICS_ENABLED", "true")
			.containsEntry("INFLUX_OPS_BUCKET", "ops")
			.containsEntry("INFLUX_OPS_DATABASE", "ops")
			.containsEntry("INFLUX_TOKEN_FILE", "/run/influx-tokens/ingest.token")
			.doesNotContainKey("INFLUX_TOKEN");
		assertThat(env(ingest).get("JAVA_TOOL_OPTIONS").split(" ")).containsExactlyElementsOf(INGEST_JVM_FLAGS);
		assertThat(env(ingest)).containsAllEntriesOf(JvmOptionsFile.INGEST_MALLOC);
		// docs/deployment.md: resident set ~250 MB, limit 384 MiB.
		assertThat(bytes(String.valueOf(ingest.get("mem_limit")))).isEqualTo(384L * 1024 * 1024);
	}

	@Test
	void ingestIsHealthyWhenReadyNotWhenInfluxDbAnswers() throws Exception {
		Map<String, Object> ingest = renderedServices().get("ingest");
		assertThat(map(ingest.get("healthcheck")).get("test").toString())
			.contains("http://127.0.0.1:8080/actuator/health/readiness");
		// The readiness group of the ingest: MQTT subscribed and spool not full, not
		// InfluxDB (the ingest keeps acking into the spool while InfluxDB is down).
		Map<String, Object> application = new Yaml()
			.load(Files.readString(Deploy.root().resolve("ingest-service/src/main/resources/application.yml")));
		Map<String, Object> health = map(map(map(application.get("management")).get("endpoint")).get("health"));
		assertThat(map(health.get("probes")).get("enabled")).isEqualTo(true);
		String readiness = String.valueOf(map(map(health.get("group")).get("readiness")).get("include"));
		assertThat(readiness).contains("mqtt", "spool").doesNotContainIgnoringCase("influx");
		// The publisher has no readiness group: its overall health.
		assertThat(map(renderedServices().get("publisher").get("healthcheck")).get("test").toString())
			.contains("http://127.0.0.1:8081/actuator/health");
	}

	@Test
	void theImageAndTheClusterFileStartTheIngestWithTheMeasuredJvmFlagsAndMallocSettings() throws IOException {
		for (String file : List.of("ingest-service/Dockerfile", "docker-compose.cluster.yml")) {
			String text = Files.readString(Deploy.root().resolve(file));
			Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS[=:] ?\"([^\"]+)\"").matcher(text);
			assertThat(options.find()).as(file).isTrue();
			assertThat(options.group(1).split(" ")).as(file).containsExactlyElementsOf(INGEST_JVM_FLAGS);
			JvmOptionsFile.INGEST_MALLOC.forEach((name, value) -> assertThat(text).as(file)
				.containsPattern("\\n\\s+" + name + "(=|: \")" + value + "\"?\\s"));
		}
	}

	@Test
	void systemdUnitRunsTheIngestWithTheContainersJvmFlagsMallocSettingsAndMemoryLimit() throws Exception {
		String unit = Files.readString(Deploy.root().resolve("deploy/systemd/vitals-ingest.service"));
		String execStart = unit.lines().filter((line) -> line.startsWith("ExecStart=")).findFirst().orElseThrow();
		assertThat(execStart.replaceAll("^ExecStart=\\S+ (.*) -jar .*$", "$1").split(" "))
			.containsExactlyElementsOf(INGEST_JVM_FLAGS);
		assertThat(unit).contains("\nMemoryMax=384M\n");
		JvmOptionsFile.INGEST_MALLOC
			.forEach((name, value) -> assertThat(unit).contains("\nEnvironment=" + name + "=" + value + "\n"));
		Map<String, String> env = Deploy.readEnv(Deploy.root().resolve("deploy/systemd/ingest.env.example"));
		assertThat(env).containsEntry("OPS_METRICS_ENABLED", "true").containsEntry("INFLUX_OPS_DATABASE", "ops");
	}

	/**
	 * Renders docker-compose.yml with {@code .env.example} plus generated secrets and the
	 * hospital's alert settings, as deploy/init.sh leaves {@code .env} once they are
	 * filled in.
	 */
	private static Map<String, Map<String, Object>> renderedServices() {
		Deploy.Result result = compose("-f", "docker-compose.yml", "--env-file", filledEnv().toString(), "config");
		assertThat(result.ok()).as(result.output()).isTrue();
		return services(result.output());
	}

	static Path filledEnv() {
		return filledEnv(ALERT_SETTINGS);
	}

	/**
	 * {@code .env.example} with the given values in place of its own, and a random
	 * 48-hex-digit value (what deploy/init.sh generates) for every secret not given.
	 */
	static Path filledEnv(Map<String, String> values) {
		try {
			StringBuilder env = new StringBuilder();
			for (String line : Files.readAllLines(Deploy.root().resolve(".env.example"))) {
				int eq = line.indexOf('=');
				String key = (!line.startsWith("#") && eq > 0) ? line.substring(0, eq) : null;
				if (key != null && values.containsKey(key)) {
					line = key + "=" + values.get(key);
				}
				else if ("VITALS_INITIALIZED".equals(key)) {
					line = key + "=yes";
				}
				else if (key != null && Deploy.isSecret(key)) {
					line = key + "=" + Deploy.randomSecret();
				}
				env.append(line).append('\n');
			}
			Path file = Files.createTempFile("filled", ".env");
			Files.writeString(file, env);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> services(String yaml) {
		Map<String, Object> model = new Yaml().load(yaml);
		return (Map<String, Map<String, Object>>) model.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static Map<String, String> env(Map<String, Object> service) {
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

	static Deploy.Result compose(String... args) {
		if (dockerCompose == null) {
			locate();
		}
		String[] command = new String[args.length + 1];
		command[0] = dockerCompose;
		System.arraycopy(args, 0, command, 1, args.length);
		return Deploy.run(Deploy.root(), Map.of(), java.time.Duration.ofMinutes(1), command);
	}

}
