package care.vitals.grafana;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import care.vitals.grafana.GrafanaFiles.AlertRule;
import care.vitals.grafana.GrafanaFiles.Dashboard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the alerting provisioning: every rule of the issue exists once, is well formed
 * (condition, expressions and datasources resolve, no-data and error behaviour set
 * explicitly), links to an existing dashboard panel, and is routed by the notification
 * policies to contact points that exist and read their targets from the environment.
 */
class AlertingProvisioningTests {

	/** The rules issue #7 asks for, by uid. */
	static final Set<String> REQUIRED_RULES = Set.of("news2-high", "news2-medium", "news2-single-parameter-3",
			"spo2-below-90", "spo2-below-85", "device-offline", "device-no-data", "ingest-lag", "ingest-spool-growing",
			"dead-letters-spiking", "disk-usage");

	private static final Set<String> NO_DATA_STATES = Set.of("OK", "NoData", "Alerting", "KeepLast");

	private static final Set<String> ERROR_STATES = Set.of("OK", "Error", "Alerting", "KeepLast");

	private static final Pattern DURATION = Pattern.compile("\\d+[smh]");

	@Test
	void everyRuleOfTheIssueExistsOnceWithAUniqueUidAndTitle() {
		List<AlertRule> rules = GrafanaFiles.alertRules();
		assertThat(rules).extracting(AlertRule::uid).doesNotHaveDuplicates().containsAll(REQUIRED_RULES);
		assertThat(rules).extracting(AlertRule::title).doesNotHaveDuplicates();
		assertThat(rules).allSatisfy((rule) -> assertThat(rule.uid()).matches("[a-z0-9-]{1,40}"));
	}

	@Test
	void everyRuleIsWellFormedAndChoosesItsNoDataAndErrorBehaviourExplicitly() {
		Set<String> datasources = DatasourceProvisioningTests.datasourceUids();
		List<String> problems = new ArrayList<>();
		for (AlertRule rule : GrafanaFiles.alertRules()) {
			String uid = rule.uid();
			Map<String, Object> raw = rule.rule();
			Set<String> refIds = new HashSet<>();
			for (Map<String, Object> query : rule.data()) {
				String refId = String.valueOf(query.get("refId"));
				if (!refIds.add(refId)) {
					problems.add(uid + ": duplicate refId " + refId);
				}
				String datasource = String.valueOf(query.get("datasourceUid"));
				Map<String, Object> model = GrafanaFiles.map(query, "model");
				if ("__expr__".equals(datasource)) {
					Object expression = model.get("expression");
					if (!(expression instanceof String)) {
						problems.add(uid + " " + refId + ": expression without input");
					}
				}
				else if (!datasources.contains(datasource)) {
					problems.add(uid + " " + refId + ": unknown datasource " + datasource);
				}
				else {
					if (!Boolean.TRUE.equals(model.get("rawQuery")) || String.valueOf(model.get("query")).isBlank()) {
						problems.add(uid + " " + refId + ": not a raw InfluxQL query");
					}
					Map<String, Object> range = GrafanaFiles.map(query, "relativeTimeRange");
					if (!(range.get("from") instanceof Integer from) || from <= 0) {
						problems.add(uid + " " + refId + ": relativeTimeRange.from must be > 0");
					}
				}
			}
			for (Map<String, Object> query : rule.data()) {
				Object expression = GrafanaFiles.map(query, "model").get("expression");
				if (expression instanceof String input && "__expr__".equals(query.get("datasourceUid"))
						&& !refIds.contains(input)) {
					problems.add(uid + ": expression reads unknown " + input);
				}
			}
			if (!refIds.contains(String.valueOf(raw.get("condition")))) {
				problems.add(uid + ": condition " + raw.get("condition") + " is not a refId");
			}
			if (!NO_DATA_STATES.contains(String.valueOf(raw.get("noDataState")))) {
				problems.add(uid + ": noDataState must be one of " + NO_DATA_STATES);
			}
			if (!ERROR_STATES.contains(String.valueOf(raw.get("execErrState")))) {
				problems.add(uid + ": execErrState must be one of " + ERROR_STATES);
			}
			if (!DURATION.matcher(String.valueOf(raw.get("for"))).matches()) {
				problems.add(uid + ": 'for' must be a duration");
			}
			Map<String, String> labels = rule.labels();
			if (!Set.of("high", "medium", "low").contains(labels.get("priority"))) {
				problems.add(uid + ": label priority must be high, medium or low");
			}
			if (!Set.of("clinical", "technical", "platform", "escalation").contains(labels.get("category"))) {
				problems.add(uid + ": label category must be clinical, technical, platform or escalation");
			}
			Map<String, Object> annotations = GrafanaFiles.map(raw, "annotations");
			for (String key : List.of("summary", "description", "why")) {
				if (String.valueOf(annotations.get(key)).isBlank() || !annotations.containsKey(key)) {
					problems.add(uid + ": annotation " + key + " missing");
				}
			}
			if (annotations.toString().contains("$") || String.valueOf(raw.get("title")).contains("$")) {
				problems.add(uid + ": '$' in a title or annotation is expanded as an environment variable by the"
						+ " provisioning; use {{ .Labels.x }} / {{ .Values.B.Value }}");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void clinicalRulesKeepTheirStateOnErrorsAndOneRuleReportsTheDatabaseOutage() {
		for (AlertRule rule : GrafanaFiles.alertRules()) {
			if ("clinical".equals(rule.labels().get("category"))) {
				assertThat(rule.rule().get("execErrState")).as(rule.uid()).isEqualTo("KeepLast");
				assertThat(rule.rule().get("noDataState")).as(rule.uid()).isEqualTo("OK");
			}
		}
		assertThat(GrafanaFiles.alertRules()).anySatisfy((rule) -> {
			assertThat(rule.rule().get("execErrState")).isEqualTo("Alerting");
			assertThat(rule.query("A").get("datasourceUid")).isEqualTo("vitals-influxql");
		});
		assertThat(GrafanaFiles.alertRules()).anySatisfy((rule) -> {
			assertThat(rule.rule().get("noDataState")).isEqualTo("Alerting");
			assertThat(rule.query("A").get("datasourceUid")).isEqualTo("ops-influxql");
		});
	}

	@Test
	void rulesLinkToExistingDashboardPanels() {
		Map<String, Set<Integer>> panels = new LinkedHashMap<>();
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			panels.put(dashboard.uid(),
					dashboard.dataPanels()
						.stream()
						.map((panel) -> panel.path("id").asInt())
						.collect(Collectors.toSet()));
		}
		for (AlertRule rule : GrafanaFiles.alertRules()) {
			Object dashboard = rule.rule().get("dashboardUid");
			assertThat(panels).as(rule.uid() + " dashboardUid").containsKey(String.valueOf(dashboard));
			assertThat(panels.get(String.valueOf(dashboard))).as(rule.uid() + " panelId")
				.contains((Integer) rule.rule().get("panelId"));
		}
	}

	@Test
	void contactPointsReadEveryTargetFromTheEnvironment() {
		List<Map<String, Object>> contactPoints = contactPoints();
		assertThat(contactPoints).extracting((point) -> point.get("name")).doesNotHaveDuplicates();
		Set<String> types = new HashSet<>();
		Set<String> receiverUids = new HashSet<>();
		for (Map<String, Object> point : contactPoints) {
			for (Map<String, Object> receiver : GrafanaFiles.list(point, "receivers")) {
				types.add(String.valueOf(receiver.get("type")));
				assertThat(receiverUids.add(String.valueOf(receiver.get("uid")))).as("unique receiver uid").isTrue();
				Map<String, Object> settings = GrafanaFiles.map(receiver, "settings");
				String target = String
					.valueOf("email".equals(receiver.get("type")) ? settings.get("addresses") : settings.get("url"));
				assertThat(target).as(point.get("name") + " target").matches("\\$\\{?[A-Z_]+}?");
			}
		}
		assertThat(types).containsExactlyInAnyOrder("email", "webhook");
	}

	@Test
	void everyRuleIsRoutedToContactPointsThatExist() {
		Set<String> names = contactPoints().stream()
			.map((point) -> String.valueOf(point.get("name")))
			.collect(Collectors.toSet());
		Map<String, Object> root = policyTree();
		List<String> problems = new ArrayList<>();
		Map<String, Set<String>> routed = new LinkedHashMap<>();
		for (AlertRule rule : GrafanaFiles.alertRules()) {
			Set<String> dataLabels = groupByTags(String.valueOf(rule.model("A").get("query")));
			List<Map<String, String>> variants = new ArrayList<>();
			Map<String, String> base = new LinkedHashMap<>(rule.labels());
			base.put("alertname", rule.title());
			base.put("grafana_folder", rule.folder());
			variants.add(base);
			if (dataLabels.contains("ward")) {
				Map<String, String> withWard = new LinkedHashMap<>(base);
				dataLabels.forEach((tag) -> withWard.put(tag, tag.equals("ward") ? "ward-a" : "x"));
				variants.add(0, withWard);
			}
			for (Map<String, String> labels : variants) {
				Set<String> receivers = new LinkedHashSet<>();
				route(root, labels, null, receivers);
				routed.put(rule.uid() + (labels.containsKey("ward") ? " (ward)" : ""), receivers);
				if (receivers.isEmpty()) {
					problems.add(rule.uid() + " " + labels + ": no receiver");
				}
				receivers.stream()
					.filter((receiver) -> !names.contains(receiver))
					.forEach((receiver) -> problems.add(rule.uid() + ": unknown contact point " + receiver));
			}
		}
		assertThat(problems).isEmpty();
		assertThat(routed.get("news2-high (ward)")).containsExactly("ward-pager", "ward-email");
		assertThat(routed.get("spo2-below-85 (ward)")).containsExactly("ward-pager", "ward-email");
		assertThat(routed.get("spo2-below-90 (ward)")).containsExactly("ward-email");
		assertThat(routed.get("news2-medium (ward)")).containsExactly("ward-email");
		assertThat(routed.get("device-offline (ward)")).containsExactly("ward-email");
		assertThat(routed.get("device-no-data (ward)")).containsExactly("ward-email");
		assertThat(routed.get("device-offline")).containsExactly("platform-email");
		assertThat(routed.get("disk-usage")).containsExactly("platform-email");
		assertThat(routed.get("ingest-metrics-missing")).containsExactly("platform-email");
		assertThat(routed.get("alarm-escalated-nurse-in-charge (ward)")).containsExactly("nurse-in-charge");
		assertThat(routed.get("alarm-escalated-response-team (ward)")).containsExactly("response-team");
	}

	/**
	 * Alertmanager routing: the first matching child (more with {@code continue}), depth
	 * first; a node without a matching child delivers to its receiver, inherited from the
	 * parent when unset.
	 */
	@SuppressWarnings("unchecked")
	private static void route(Map<String, Object> node, Map<String, String> labels, String inherited,
			Set<String> receivers) {
		String receiver = (node.get("receiver") != null) ? String.valueOf(node.get("receiver")) : inherited;
		boolean matchedChild = false;
		for (Map<String, Object> child : GrafanaFiles.list(node, "routes")) {
			if (matches((List<List<String>>) child.getOrDefault("object_matchers", List.of()), labels)) {
				matchedChild = true;
				route(child, labels, receiver, receivers);
				if (!Boolean.TRUE.equals(child.get("continue"))) {
					break;
				}
			}
		}
		if (!matchedChild) {
			receivers.add(receiver);
		}
	}

	private static boolean matches(List<List<String>> matchers, Map<String, String> labels) {
		for (List<String> matcher : matchers) {
			String value = labels.getOrDefault(matcher.get(0), "");
			boolean ok = switch (matcher.get(1)) {
				case "=" -> value.equals(matcher.get(2));
				case "!=" -> !value.equals(matcher.get(2));
				case "=~" -> value.matches(matcher.get(2));
				case "!~" -> !value.matches(matcher.get(2));
				default -> throw new IllegalArgumentException("Unknown matcher " + matcher);
			};
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The tags of the last GROUP BY (the outermost query's): the alert instance's labels.
	 */
	static Set<String> groupByTags(String query) {
		Set<String> tags = new LinkedHashSet<>();
		int at = query.lastIndexOf("GROUP BY ");
		if (at >= 0) {
			String clause = query.substring(at + "GROUP BY ".length()).replaceAll("fill\\([^)]*\\)", "");
			for (String part : clause.split(",")) {
				String tag = part.trim().replace("\"", "");
				if (!tag.isEmpty() && !tag.startsWith("time(")) {
					tags.add(tag);
				}
			}
		}
		return tags;
	}

	static List<Map<String, Object>> contactPoints() {
		return GrafanaFiles.provisioning("alerting")
			.stream()
			.flatMap((document) -> GrafanaFiles.list(document, "contactPoints").stream())
			.toList();
	}

	static Map<String, Object> policyTree() {
		List<Map<String, Object>> policies = GrafanaFiles.provisioning("alerting")
			.stream()
			.flatMap((document) -> GrafanaFiles.list(document, "policies").stream())
			.toList();
		assertThat(policies).hasSize(1);
		return policies.get(0);
	}

}
