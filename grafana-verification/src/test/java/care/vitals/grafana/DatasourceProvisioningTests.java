package care.vitals.grafana;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the datasources and dashboard providers against the compose file that mounts
 * them: InfluxQL datasources with fixed uids, read-only credentials from exactly the
 * variables the grafana service receives and the password from the file it mounts,
 * providers reading the mounted directories.
 */
class DatasourceProvisioningTests {

	/**
	 * Variables the provisioning reads that docker-compose.yml does not pass to the
	 * grafana service yet. Empty: the compose file passes every one; the list can only
	 * shrink.
	 */
	static final Set<String> PENDING_IN_COMPOSE = Set.of();

	/** Contact-point variables: an empty one would silence a route. */
	private static final Set<String> ALERT_ROUTING = Set.of("ALERT_WEBHOOK_URL", "ALERT_EMAIL_ADDRESSES",
			"OPS_ALERT_EMAIL_ADDRESSES");

	private static final Pattern REQUIRED = Pattern.compile("\\$\\{(\\w+):\\?[^}]+}");

	private static final Pattern ENV_REFERENCE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");

	/**
	 * Where the provisioning reads the datasource password: Grafana's {@code $__file{}}
	 * expander, the same path on both installs (compose mounts the secret there, the
	 * install without Docker gets it from deploy/systemd/install-credentials.sh).
	 */
	static final String PASSWORD_FILE = "/etc/grafana/secrets/influx_grafana_password";

	/** Grafana's expanders ({@code $__file{...}}, {@code $__env{...}}, ...). */
	private static final Pattern EXPANDER = Pattern.compile("\\$__(\\w+)\\{([^}]*)}");

	static Set<String> datasourceUids() {
		return GrafanaFiles.provisioning("datasources")
			.stream()
			.flatMap((document) -> GrafanaFiles.list(document, "datasources").stream())
			.map((datasource) -> String.valueOf(datasource.get("uid")))
			.collect(Collectors.toSet());
	}

	@Test
	void datasourcesAreInfluxQlWithFixedUidsReadOnlyCredentialsAndThePasswordFromAFile() {
		List<Map<String, Object>> datasources = GrafanaFiles.provisioning("datasources")
			.stream()
			.flatMap((document) -> GrafanaFiles.list(document, "datasources").stream())
			.toList();
		assertThat(datasources).extracting((datasource) -> datasource.get("uid"))
			.containsExactlyInAnyOrder("vitals-influxql", "ops-influxql");
		for (Map<String, Object> datasource : datasources) {
			Map<String, Object> jsonData = GrafanaFiles.map(datasource, "jsonData");
			assertThat(datasource.get("type")).isEqualTo("influxdb");
			assertThat(datasource.get("access")).isEqualTo("proxy");
			assertThat(datasource.get("url")).isEqualTo("$INFLUX_URL");
			assertThat(datasource.get("user")).isEqualTo("$INFLUX_USERNAME");
			assertThat(jsonData.get("version")).isEqualTo("InfluxQL");
			assertThat(jsonData.get("httpMode")).isIn("GET", "POST");
			assertThat(GrafanaFiles.map(datasource, "secureJsonData")).containsEntry("password",
					"$__file{" + PASSWORD_FILE + "}");
			assertThat(datasource).doesNotContainKey("password");
			assertThat(datasource.get("editable")).isEqualTo(false);
		}
		Map<String, Object> vitals = datasources.stream()
			.filter((datasource) -> "vitals-influxql".equals(datasource.get("uid")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> ops = datasources.stream()
			.filter((datasource) -> "ops-influxql".equals(datasource.get("uid")))
			.findFirst()
			.orElseThrow();
		assertThat(GrafanaFiles.map(vitals, "jsonData")).containsEntry("dbName", "$INFLUX_DATABASE");
		assertThat(GrafanaFiles.map(ops, "jsonData")).containsEntry("dbName", "$INFLUX_OPS_DATABASE");
		assertThat(vitals.get("isDefault")).isEqualTo(true);
	}

	@Test
	void everyEnvironmentVariableTheProvisioningReadsIsPassedByTheComposeFile() {
		Set<String> referenced = new TreeSet<>();
		for (Map<String, Object> document : allProvisioningDocuments()) {
			collectReferences(document, referenced);
		}
		// NAME_FILE passes NAME: deploy/docker/entrypoint.sh, which runs before Grafana,
		// turns it into NAME for Grafana's process (secrets as files, docs/security.md).
		Set<String> passed = composeGrafanaEnvironment().keySet()
			.stream()
			.map((key) -> (key.endsWith("_FILE") && !key.endsWith("__FILE"))
					? key.substring(0, key.length() - "_FILE".length()) : key)
			.collect(Collectors.toSet());
		assertThat(referenced).contains("INFLUX_URL", "INFLUX_DATABASE", "INFLUX_OPS_DATABASE", "INFLUX_USERNAME");
		Set<String> missing = new TreeSet<>(referenced);
		missing.removeAll(passed);
		missing.removeAll(PENDING_IN_COMPOSE);
		assertThat(missing).as("variables read by grafana/provisioning but not passed by docker-compose.yml").isEmpty();
		Set<String> nowPassed = new TreeSet<>(PENDING_IN_COMPOSE);
		nowPassed.retainAll(passed);
		assertThat(nowPassed).as("docker-compose.yml passes these now: remove them from PENDING_IN_COMPOSE").isEmpty();
		Set<String> unused = new TreeSet<>(PENDING_IN_COMPOSE);
		unused.removeAll(referenced);
		assertThat(unused).as("pending variables the provisioning no longer reads").isEmpty();
	}

	/**
	 * No secret of the provisioning comes from an environment variable (docs/security.md,
	 * "Secrets as files"): every value under {@code secureJsonData} is exactly a
	 * {@code $__file{}} of an absolute path, and the grafana service of
	 * docker-compose.yml mounts a Docker secret at exactly that path, lists it for the
	 * entrypoint's check and passes no password variable.
	 */
	@Test
	void secureJsonDataComesFromFilesTheComposeFileMountsAtExactlyThatPath() {
		Set<String> files = new TreeSet<>();
		List<String> problems = new ArrayList<>();
		for (Map<String, Object> document : allProvisioningDocuments()) {
			for (Map<String, Object> datasource : GrafanaFiles.list(document, "datasources")) {
				Object secure = datasource.get("secureJsonData");
				if (secure == null) {
					continue;
				}
				((Map<?, ?>) secure).forEach((key, value) -> {
					Matcher file = Pattern.compile("\\$__file\\{(/[^}$]+)}").matcher(String.valueOf(value));
					if (file.matches()) {
						files.add(file.group(1));
					}
					else {
						problems.add(datasource.get("uid") + " secureJsonData." + key + " = " + value
								+ " is not exactly $__file{/absolute/path}");
					}
				});
			}
		}
		assertThat(problems).isEmpty();
		assertThat(files).containsExactly(PASSWORD_FILE);

		Map<String, Object> service = composeGrafanaService();
		List<String> targets = new ArrayList<>();
		for (Object secret : (List<?>) service.get("secrets")) {
			if (secret instanceof Map<?, ?> longSyntax && longSyntax.get("target") != null) {
				targets.add(longSyntax.get("source") + " -> " + longSyntax.get("target"));
			}
		}
		assertThat(targets).containsExactly("influx_grafana_password -> " + PASSWORD_FILE);
		Map<String, Object> environment = composeGrafanaEnvironment();
		assertThat(environment).containsEntry("VITALS_CREDENTIAL_FILES", PASSWORD_FILE);
		assertThat(environment.keySet()).noneMatch((name) -> name.startsWith("INFLUX_PASSWORD"));
		assertThat(environment.keySet()).filteredOn((name) -> name.contains("PASSWORD") || name.contains("SECRET"))
			.allMatch((name) -> name.endsWith("__FILE"));
	}

	@Test
	void alertRoutingAndSmtpAreMandatoryInTheComposeFileAndThePasswordIsASecretFile() {
		Map<String, Object> environment = composeGrafanaEnvironment();
		Set<String> contactPointVariables = new TreeSet<>();
		for (Map<String, Object> document : allProvisioningDocuments()) {
			if (document.containsKey("contactPoints")) {
				collectReferences(document, contactPointVariables);
			}
		}
		assertThat(contactPointVariables).isEqualTo(ALERT_ROUTING);
		// No default, no silently empty value: compose refuses to start without them.
		for (String name : List.of("ALERT_WEBHOOK_URL", "ALERT_EMAIL_ADDRESSES", "OPS_ALERT_EMAIL_ADDRESSES",
				"GF_SMTP_HOST", "GF_SMTP_FROM_ADDRESS")) {
			assertThat(String.valueOf(environment.get(name))).as(name).matches(REQUIRED.pattern());
		}
		assertThat(environment).containsEntry("GF_SMTP_ENABLED", "true")
			.containsKey("GF_SMTP_USER")
			.doesNotContainKey("GF_SMTP_PASSWORD");
		assertThat(String.valueOf(environment.get("GF_SMTP_PASSWORD__FILE"))).startsWith("/run/secrets/");
		String secret = String.valueOf(environment.get("GF_SMTP_PASSWORD__FILE")).substring("/run/secrets/".length());
		assertThat(String.valueOf(composeGrafanaService().get("secrets"))).contains(secret);
	}

	@Test
	void dashboardProvidersReadTheDirectoriesTheComposeFileMounts() {
		List<String> volumes = composeGrafanaVolumes();
		assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
				"./grafana/dashboards:/etc/grafana/dashboards:ro");
		List<Map<String, Object>> providers = GrafanaFiles.provisioning("dashboards")
			.stream()
			.flatMap((document) -> GrafanaFiles.list(document, "providers").stream())
			.toList();
		assertThat(providers).isNotEmpty();
		List<String> problems = new ArrayList<>();
		for (Map<String, Object> provider : providers) {
			String path = String.valueOf(GrafanaFiles.map(provider, "options").get("path"));
			if (!path.startsWith("/etc/grafana/dashboards/")) {
				problems.add(provider.get("name") + ": path " + path + " is outside the mounted directory");
				continue;
			}
			String local = path.substring("/etc/grafana/dashboards/".length());
			if (!Files.isDirectory(GrafanaFiles.dashboardsDir().resolve(local))) {
				problems.add(provider.get("name") + ": grafana/dashboards/" + local + " does not exist");
			}
			if (!Boolean.FALSE.equals(provider.get("allowUiUpdates"))) {
				problems.add(provider.get("name") + ": dashboards must be changed in git, not in the UI");
			}
		}
		assertThat(problems).isEmpty();
	}

	static List<Map<String, Object>> allProvisioningDocuments() {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (var file : GrafanaFiles.provisioningFiles()) {
			Map<String, Object> document = new Yaml().load(GrafanaFiles.read(file));
			if (document != null) {
				documents.add(document);
			}
		}
		return documents;
	}

	/**
	 * Collects {@code $VAR} references from every string value Grafana interpolates: all
	 * but alert query models (Grafana passes those on raw, with {@code $timeFilter}).
	 */
	@SuppressWarnings("unchecked")
	private static void collectReferences(Object node, Set<String> references) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if (!"model".equals(key)) {
					collectReferences(value, references);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> collectReferences(item, references));
		}
		else if (node instanceof String text) {
			// $__env{NAME} reads a variable; $__file{...} and the other expanders do not.
			Matcher expander = EXPANDER.matcher(text.replace("$$", ""));
			StringBuilder rest = new StringBuilder();
			while (expander.find()) {
				if ("env".equals(expander.group(1))) {
					references.add(expander.group(2));
				}
				expander.appendReplacement(rest, "");
			}
			expander.appendTail(rest);
			Matcher matcher = ENV_REFERENCE.matcher(rest);
			while (matcher.find()) {
				references.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
			}
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> composeGrafanaService() {
		Map<String, Object> compose = new Yaml()
			.load(GrafanaFiles.read(GrafanaFiles.repositoryRoot().resolve("docker-compose.yml")));
		return (Map<String, Object>) GrafanaFiles.map(compose, "services").get("grafana");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> composeGrafanaEnvironment() {
		return (Map<String, Object>) composeGrafanaService().get("environment");
	}

	@SuppressWarnings("unchecked")
	private static List<String> composeGrafanaVolumes() {
		return (List<String>) composeGrafanaService().get("volumes");
	}

}
