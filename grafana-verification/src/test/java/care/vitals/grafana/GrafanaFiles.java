package care.vitals.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioning files under {@code grafana/} of the repository, read the way Grafana
 * reads them: dashboards as JSON, everything under {@code provisioning/} as YAML.
 */
final class GrafanaFiles {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private GrafanaFiles() {
	}

	/**
	 * Returns the repository root: the parent of this module's directory (Maven runs
	 * tests with the module directory as working directory).
	 */
	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("grafana/provisioning"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("No grafana/provisioning above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	static Path grafanaDir() {
		return repositoryRoot().resolve("grafana");
	}

	static Path provisioningDir() {
		return grafanaDir().resolve("provisioning");
	}

	static Path dashboardsDir() {
		return grafanaDir().resolve("dashboards");
	}

	/** Every dashboard JSON file, sorted by path. */
	static List<Dashboard> dashboards() {
		return files(dashboardsDir(), ".json").stream()
			.map((file) -> new Dashboard(file, JSON.readTree(read(file))))
			.toList();
	}

	static Dashboard dashboard(String uid) {
		return dashboards().stream()
			.filter((dashboard) -> dashboard.uid().equals(uid))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No dashboard " + uid));
	}

	/** Every YAML file of one provisioning directory, e.g. {@code alerting}, parsed. */
	static List<Map<String, Object>> provisioning(String kind) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Path file : files(provisioningDir().resolve(kind), ".yaml", ".yml")) {
			Map<String, Object> document = new Yaml().load(read(file));
			if (document != null) {
				documents.add(document);
			}
		}
		return documents;
	}

	/** Every YAML file under {@code provisioning/}, as text. */
	static List<Path> provisioningFiles() {
		return files(provisioningDir(), ".yaml", ".yml");
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> files(Path dir, String... suffixes) {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile)
				.filter((file) -> Stream.of(suffixes).anyMatch((suffix) -> file.toString().endsWith(suffix)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	/** Every alert rule of every group, with its group. */
	static List<AlertRule> alertRules() {
		List<AlertRule> rules = new ArrayList<>();
		for (Map<String, Object> document : provisioning("alerting")) {
			for (Map<String, Object> group : list(document, "groups")) {
				for (Map<String, Object> rule : list(group, "rules")) {
					rules.add(new AlertRule(String.valueOf(group.get("name")), String.valueOf(group.get("folder")),
							rule));
				}
			}
		}
		return rules;
	}

	/** An alert rule as provisioned. */
	record AlertRule(String group, String folder, Map<String, Object> rule) {

		String uid() {
			return String.valueOf(this.rule.get("uid"));
		}

		String title() {
			return String.valueOf(this.rule.get("title"));
		}

		List<Map<String, Object>> data() {
			return list(this.rule, "data");
		}

		Map<String, Object> query(String refId) {
			return data().stream()
				.filter((query) -> refId.equals(query.get("refId")))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(uid() + " has no query " + refId));
		}

		Map<String, Object> model(String refId) {
			return map(query(refId), "model");
		}

		@SuppressWarnings("unchecked")
		Map<String, String> labels() {
			return (Map<String, String>) this.rule.getOrDefault("labels", Map.of());
		}

	}

	/** A dashboard file. */
	record Dashboard(Path file, JsonNode json) {

		String uid() {
			return this.json.path("uid").asString();
		}

		String title() {
			return this.json.path("title").asString();
		}

		/** Every panel, rows included, with the panels nested in collapsed rows. */
		List<JsonNode> allPanels() {
			List<JsonNode> panels = new ArrayList<>();
			for (JsonNode panel : this.json.path("panels")) {
				panels.add(panel);
				for (JsonNode nested : panel.path("panels")) {
					panels.add(nested);
				}
			}
			return panels;
		}

		/** Every panel that shows data (not rows). */
		List<JsonNode> dataPanels() {
			return allPanels().stream().filter((panel) -> !"row".equals(panel.path("type").asString())).toList();
		}

		List<JsonNode> variables() {
			List<JsonNode> variables = new ArrayList<>();
			this.json.path("templating").path("list").forEach(variables::add);
			return variables;
		}

		/**
		 * The annotation queries of InfluxDB datasources (not Grafana's built-in one).
		 */
		List<JsonNode> influxAnnotations() {
			List<JsonNode> annotations = new ArrayList<>();
			for (JsonNode annotation : this.json.path("annotations").path("list")) {
				if ("influxdb".equals(annotation.path("datasource").path("type").asString())) {
					annotations.add(annotation);
				}
			}
			return annotations;
		}

		/**
		 * The row a panel belongs to when the row repeats over a variable, else null.
		 * @param panel a panel of this dashboard
		 * @return the name of the variable the panel is repeated over, or null
		 */
		String repeatVariable(JsonNode panel) {
			if (!panel.path("repeat").asString("").isEmpty()) {
				return panel.path("repeat").asString();
			}
			String repeat = null;
			for (JsonNode candidate : this.json.path("panels")) {
				if ("row".equals(candidate.path("type").asString())) {
					repeat = candidate.path("repeat").asString("");
					repeat = repeat.isEmpty() ? null : repeat;
					for (JsonNode nested : candidate.path("panels")) {
						if (nested == panel) {
							return repeat;
						}
					}
				}
				if (candidate == panel) {
					return repeat;
				}
			}
			return null;
		}

	}

}
