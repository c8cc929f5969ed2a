package care.vitals.grafana;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.grafana.GrafanaFiles.Dashboard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the structure of every provisioned dashboard: unique uids, every panel has a
 * raw InfluxQL query on a provisioned datasource, units, thresholds, variables, refresh
 * and links.
 */
class DashboardStructureTests {

	static final Set<String> DASHBOARD_UIDS = Set.of("vitals-ward-overview", "vitals-patient-detail",
			"vitals-device-fleet", "vitals-pipeline");

	/**
	 * Grafana unit ids used here; anything else must be a custom {@code suffix:} unit.
	 */
	private static final Set<String> GRAFANA_UNITS = Set.of("percent", "percentunit", "celsius", "short", "bytes", "ms",
			"s", "mps", "dateTimeFromNow", "none");

	/** The unit of every panel that plots one stored parameter (CONTRACTS.md units). */
	private static final Map<String, String> PARAMETER_UNITS = Map.of("heart_rate", "suffix: bpm", "resp_rate",
			"suffix: /min", "spo2", "percent", "temperature", "celsius", "systolic_bp", "suffix: mmHg", "diastolic_bp",
			"suffix: mmHg", "mean_bp", "suffix: mmHg", "battery", "percent");

	private static final Pattern SINGLE_FIELD = Pattern
		.compile("^SELECT (?:(?:last|mean|max)\\(\"(\\w+)\"\\)|\"(\\w+)\" AS )");

	private static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([\\w-]+)/");

	@Test
	void everyExpectedDashboardExistsOnceWithAUniqueUidAndTitle() {
		List<Dashboard> dashboards = GrafanaFiles.dashboards();
		assertThat(dashboards).extracting(Dashboard::uid).doesNotHaveDuplicates().containsAll(DASHBOARD_UIDS);
		assertThat(dashboards).extracting(Dashboard::title).doesNotHaveDuplicates();
		assertThat(dashboards).allSatisfy((dashboard) -> assertThat(dashboard.uid()).hasSizeLessThanOrEqualTo(40));
	}

	@Test
	void everyPanelHasAUniqueIdAndARawInfluxQlQueryOnAProvisionedDatasource() {
		Set<String> datasources = DatasourceProvisioningTests.datasourceUids();
		List<String> problems = new ArrayList<>();
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			Set<Integer> ids = new HashSet<>();
			Set<String> titles = new HashSet<>();
			for (JsonNode panel : dashboard.dataPanels()) {
				if (!titles.add(panel.path("title").asString())) {
					problems.add(dashboard.uid() + ": panel title '" + panel.path("title").asString()
							+ "' used twice (titles name panels in tests and docs)");
				}
			}
			for (JsonNode panel : dashboard.allPanels()) {
				String where = dashboard.uid() + " / " + panel.path("title").asString();
				if (!ids.add(panel.path("id").asInt())) {
					problems.add(where + ": duplicate panel id " + panel.path("id").asInt());
				}
			}
			for (JsonNode panel : dashboard.dataPanels()) {
				String where = dashboard.uid() + " / " + panel.path("title").asString();
				checkDatasource(where + " (panel)", panel.path("datasource"), datasources, problems);
				if (panel.path("targets").isEmpty()) {
					problems.add(where + ": no query");
				}
				Set<String> refIds = new HashSet<>();
				for (JsonNode target : panel.path("targets")) {
					checkDatasource(where + " " + target.path("refId").asString(), target.path("datasource"),
							datasources, problems);
					if (!refIds.add(target.path("refId").asString())) {
						problems.add(where + ": duplicate refId " + target.path("refId").asString());
					}
					if (!target.path("rawQuery").asBoolean(false) || target.path("query").asString().isBlank()) {
						problems.add(where + ": target " + target.path("refId").asString() + " is not a raw query");
					}
				}
			}
			for (JsonNode variable : dashboard.variables()) {
				if (!"query".equals(variable.path("type").asString())) {
					continue; // a text box or constant: no query, no datasource
				}
				checkDatasource(dashboard.uid() + " variable " + variable.path("name").asString(),
						variable.path("datasource"), datasources, problems);
				if (variable.path("query").asString().isBlank()) {
					problems.add(dashboard.uid() + " variable " + variable.path("name").asString() + " has no query");
				}
			}
			for (JsonNode annotation : dashboard.influxAnnotations()) {
				checkDatasource(dashboard.uid() + " annotation " + annotation.path("name").asString(),
						annotation.path("datasource"), datasources, problems);
				if (Queries.annotationQuery(annotation).isBlank()) {
					problems
						.add(dashboard.uid() + " annotation " + annotation.path("name").asString() + " has no query");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void unitsAreGrafanaUnitsOrCustomSuffixesAndEveryParameterHasItsUnit() {
		List<String> problems = new ArrayList<>();
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			for (JsonNode panel : dashboard.dataPanels()) {
				String where = dashboard.uid() + " / " + panel.path("title").asString();
				List<String> units = new ArrayList<>();
				units.add(panel.path("fieldConfig").path("defaults").path("unit").asString());
				for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
					for (JsonNode property : override.path("properties")) {
						if ("unit".equals(property.path("id").asString())) {
							units.add(property.path("value").asString());
						}
					}
				}
				for (String unit : units) {
					if (!unit.isEmpty() && !GRAFANA_UNITS.contains(unit) && !unit.startsWith("suffix:")
							&& !unit.startsWith("prefix:")) {
						problems.add(where + ": unknown unit '" + unit + "'");
					}
				}
				Matcher single = SINGLE_FIELD.matcher(panel.path("targets").path(0).path("query").asString());
				String plotted = single.find() ? ((single.group(1) != null) ? single.group(1) : single.group(2)) : null;
				if (plotted != null && PARAMETER_UNITS.containsKey(plotted)) {
					String expected = PARAMETER_UNITS.get(plotted);
					if (!expected.equals(units.get(0))) {
						problems.add(where + ": plots " + plotted + " with unit '" + units.get(0) + "', expected '"
								+ expected + "'");
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void thresholdStepsStartAtMinusInfinityAndAscend() {
		List<String> problems = new ArrayList<>();
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			for (JsonNode panel : dashboard.dataPanels()) {
				List<JsonNode> thresholds = new ArrayList<>();
				thresholds.add(panel.path("fieldConfig").path("defaults").path("thresholds"));
				for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
					for (JsonNode property : override.path("properties")) {
						if ("thresholds".equals(property.path("id").asString())) {
							thresholds.add(property.path("value"));
						}
					}
				}
				for (JsonNode threshold : thresholds) {
					JsonNode steps = threshold.path("steps");
					String where = dashboard.uid() + " / " + panel.path("title").asString();
					if (steps.isEmpty() || !steps.get(0).path("value").isNull()) {
						problems.add(where + ": first threshold step must have value null");
						continue;
					}
					double previous = Double.NEGATIVE_INFINITY;
					for (int i = 1; i < steps.size(); i++) {
						double value = steps.get(i).path("value").asDouble();
						if (value <= previous) {
							problems.add(where + ": threshold steps not ascending at " + value);
						}
						previous = value;
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void statPanelsShowingTextOrTimeNameTheirField() {
		List<String> problems = new ArrayList<>();
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			for (JsonNode panel : dashboard.dataPanels()) {
				boolean table = false;
				for (JsonNode target : panel.path("targets")) {
					table |= "table".equals(target.path("resultFormat").asString());
				}
				String fields = panel.path("options").path("reduceOptions").path("fields").asString();
				if ("stat".equals(panel.path("type").asString()) && table && !fields.matches("/\\^.+\\$/")) {
					problems.add(dashboard.uid() + " / " + panel.path("title").asString()
							+ ": a stat panel on table results must select its field with /^name$/");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void clinicalDashboardsHaveWardAndPatientVariablesAndRefreshEvery5To10Seconds() {
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			assertThat(dashboard.json().path("refresh").asString()).as(dashboard.uid()).isIn("5s", "10s");
			assertThat(dashboard.json().path("editable").asBoolean(true)).as(dashboard.uid()).isFalse();
		}
		assertThat(variableNames("vitals-ward-overview")).containsExactly("ward", "bed", "station_url");
		assertThat(variableNames("vitals-patient-detail")).containsExactly("ward", "patient");
		assertThat(variableNames("vitals-device-fleet")).containsExactly("ward", "device");
		assertThat(GrafanaFiles.dashboard("vitals-ward-overview").json().path("refresh").asString()).isEqualTo("5s");
	}

	@Test
	void repeatedPanelsRepeatOverAMultiValueVariable() {
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			for (JsonNode panel : dashboard.allPanels()) {
				String repeat = panel.path("repeat").asString();
				if (!repeat.isEmpty()) {
					JsonNode variable = dashboard.variables()
						.stream()
						.filter((candidate) -> repeat.equals(candidate.path("name").asString()))
						.findFirst()
						.orElseThrow(() -> new AssertionError(dashboard.uid() + " repeats over unknown " + repeat));
					assertThat(variable.path("multi").asBoolean(false) && variable.path("includeAll").asBoolean(false))
						.as(dashboard.uid() + " repeat variable " + repeat)
						.isTrue();
				}
			}
		}
		Dashboard ward = GrafanaFiles.dashboard("vitals-ward-overview");
		long tiles = ward.dataPanels().stream().filter((panel) -> "bed".equals(ward.repeatVariable(panel))).count();
		assertThat(tiles).as("panels of the bed tile").isGreaterThanOrEqualTo(10);
	}

	@Test
	void patientDetailOffers1Hour12HoursAnd7DaysAndReadsDownsampledDataForLongRanges() {
		Dashboard patient = GrafanaFiles.dashboard("vitals-patient-detail");
		List<String> presets = new ArrayList<>();
		patient.json().path("links").forEach((link) -> presets.add(link.path("url").asString()));
		assertThat(presets).anyMatch((url) -> url.contains("from=now-1h"))
			.anyMatch((url) -> url.contains("from=now-12h"))
			.anyMatch((url) -> url.contains("from=now-7d"));
		long downsampled = patient.dataPanels()
			.stream()
			.filter((panel) -> panel.findValues("query")
				.stream()
				.anyMatch((query) -> query.asString().contains("FROM \"downsampled\".\"vitals\"")))
			.count();
		assertThat(downsampled).as("panels reading the downsampled retention policy").isGreaterThanOrEqualTo(5);
	}

	@Test
	void linksPointToProvisionedDashboards() {
		List<String> problems = new ArrayList<>();
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			Matcher links = DASHBOARD_LINK.matcher(dashboard.json().toString());
			while (links.find()) {
				if (!DASHBOARD_UIDS.contains(links.group(1))) {
					problems.add(dashboard.uid() + " links to unknown dashboard " + links.group(1));
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * Every bed tile links to its bed page in the ward station, on the base URL of the
	 * variable {@code station_url} (empty by default: the same host, docs/dashboards.md).
	 */
	@Test
	void bedTilesLinkToTheWardStationsBedPage() {
		Dashboard ward = GrafanaFiles.dashboard("vitals-ward-overview");
		JsonNode patient = ward.dataPanels()
			.stream()
			.filter((panel) -> "Patient".equals(panel.path("title").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(ward.repeatVariable(patient)).isEqualTo("bed");
		List<String> links = new ArrayList<>();
		patient.path("fieldConfig")
			.path("defaults")
			.path("links")
			.forEach((link) -> links.add(link.path("url").asString()));
		patient.path("links").forEach((link) -> links.add(link.path("url").asString()));
		assertThat(links).contains("${station_url}/station/wards/${ward}/beds/${bed}");
		JsonNode variable = ward.variables()
			.stream()
			.filter((candidate) -> "station_url".equals(candidate.path("name").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(variable.path("type").asString()).isEqualTo("textbox");
		assertThat(variable.path("query").asString()).as("default: the same host as Grafana").isEmpty();
	}

	private static List<String> variableNames(String uid) {
		return GrafanaFiles.dashboard(uid)
			.variables()
			.stream()
			.map((variable) -> variable.path("name").asString())
			.toList();
	}

	private static void checkDatasource(String where, JsonNode datasource, Set<String> uids, List<String> problems) {
		if (!"influxdb".equals(datasource.path("type").asString())
				|| !uids.contains(datasource.path("uid").asString())) {
			problems.add(where + ": datasource " + datasource + " is not a provisioned InfluxDB datasource " + uids);
		}
	}

}
