package care.vitals.grafana;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleToIntFunction;

import care.vitals.grafana.GrafanaFiles.AlertRule;
import care.vitals.grafana.GrafanaFiles.Dashboard;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.RiskTable;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Scorer;
import care.vitals.model.news2.SpO2Scale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that every clinical colour of the dashboards is the one of the engine's risk
 * table ({@link RiskTable}): vital signs by the NEWS2 sub-score the engine gives them
 * ({@link News2Scorer}, RCP 2017 chart), NEWS2 totals and risk bands by the engine's risk
 * colours, alarm counts and lists by the priority colours; and that the alert thresholds
 * are the ones of the issue.
 * <p>
 * The colour of a value must be the colour of the NEWS2 sub-score the engine gives it,
 * including the engine's rule for values between two chart cells (the worse band, at a
 * resolution of 0.001). Grafana colours a value by the last step at or below it, so both
 * functions are piecewise constant: the test compares them at and just below every point
 * where either can change (every Grafana step, every chart cell and half a thousandth
 * either side of it) and in the middle between cells.
 */
class ClinicalBandsTests {

	/** The engine's sub-score of each banded parameter (SpO2: scale 1, as the tiles). */
	private static final Map<String, DoubleToIntFunction> SCORES = Map.of("heart_rate", News2Scorer::heartRate,
			"resp_rate", News2Scorer::respRate, "spo2", (v) -> News2Scorer.spo2(v, SpO2Scale.SCALE_1, false),
			"systolic_bp", News2Scorer::systolicBp, "temperature", News2Scorer::temperature);

	/** Panels coloured by a NEWS2 band: dashboard uid, panel title, parameter. */
	private static final List<String[]> BANDED_PANELS = List.of(
			new String[] { "vitals-ward-overview", "HR", "heart_rate" },
			new String[] { "vitals-ward-overview", "SpO2", "spo2" },
			new String[] { "vitals-ward-overview", "RR", "resp_rate" },
			new String[] { "vitals-ward-overview", "BP", "systolic_bp" },
			new String[] { "vitals-ward-overview", "Temp", "temperature" },
			new String[] { "vitals-patient-detail", "Heart rate", "heart_rate" },
			new String[] { "vitals-patient-detail", "SpO2", "spo2" },
			new String[] { "vitals-patient-detail", "Respiratory rate", "resp_rate" },
			new String[] { "vitals-patient-detail", "Blood pressure", "systolic_bp" },
			new String[] { "vitals-patient-detail", "Temperature", "temperature" });

	private static final BigDecimal HALF_RESOLUTION = new BigDecimal("0.0005");

	@Test
	void vitalSignColoursAreTheColoursOfTheEnginesNews2SubScore() {
		List<String> mismatches = new ArrayList<>();
		for (String[] banded : BANDED_PANELS) {
			JsonNode thresholds = panel(banded[0], banded[1]).path("fieldConfig").path("defaults").path("thresholds");
			String parameter = banded[2];
			for (double value : probes(thresholds, parameter.equals("temperature"))) {
				String expected = RiskTable.subScoreColour(SCORES.get(parameter).applyAsInt(value)).code();
				String actual = colour(thresholds, value);
				if (!expected.equals(actual)) {
					mismatches.add(banded[0] + " / " + banded[1] + ": " + value + " is " + actual
							+ ", the engine scores it " + expected);
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	/**
	 * Every value where the panel's colour or the engine's sub-score can change, and the
	 * value just below it; plus the middle between two cells. Cells are whole numbers
	 * 0-300 (temperature: tenths 25.0-46.0).
	 */
	private static List<Double> probes(JsonNode thresholds, boolean tenths) {
		List<BigDecimal> points = new ArrayList<>();
		BigDecimal cell = tenths ? new BigDecimal("0.1") : BigDecimal.ONE;
		BigDecimal end = tenths ? new BigDecimal("46") : new BigDecimal("300");
		for (BigDecimal value = tenths ? new BigDecimal("25") : BigDecimal.ZERO; value
			.compareTo(end) <= 0; value = value.add(cell)) {
			points.add(value);
			points.add(value.add(HALF_RESOLUTION));
			points.add(value.subtract(HALF_RESOLUTION));
			points.add(value.add(cell.divide(BigDecimal.valueOf(2))));
		}
		for (JsonNode step : thresholds.path("steps")) {
			if (step.path("value").isNumber()) {
				points.add(step.path("value").decimalValue());
			}
		}
		List<Double> probes = new ArrayList<>();
		for (BigDecimal point : points) {
			probes.add(point.doubleValue());
			probes.add(Math.nextDown(point.doubleValue()));
		}
		return probes;
	}

	@Test
	void news2TotalIsColouredByTheEnginesRiskOfTheTotal() {
		for (String[] panel : List.of(new String[] { "vitals-ward-overview", "NEWS2" },
				new String[] { "vitals-patient-detail", "NEWS2" })) {
			JsonNode thresholds = panel(panel[0], panel[1]).path("fieldConfig").path("defaults").path("thresholds");
			for (int score = 0; score <= News2Scorer.MAX_TOTAL; score++) {
				String expected = RiskTable.colour(News2Scorer.risk(score, false)).code();
				assertThat(colour(thresholds, score)).as(panel[0] + " NEWS2 " + score).isEqualTo(expected);
			}
		}
		JsonNode latest = override(panel("vitals-patient-detail", "Latest NEWS2"), "NEWS2", "thresholds");
		for (int score = 0; score <= News2Scorer.MAX_TOTAL; score++) {
			assertThat(colour(latest, score)).as("Latest NEWS2 " + score)
				.isEqualTo(RiskTable.colour(News2Scorer.risk(score, false)).code());
		}
		assertThat(colour(latest, 4)).isEqualTo("green");
		assertThat(colour(latest, 5)).isEqualTo("orange");
		assertThat(colour(latest, 7)).isEqualTo("red");
	}

	@Test
	void riskBandsAreColouredAsTheEngineColoursThem() {
		JsonNode tile = panel("vitals-ward-overview", "Risk").path("fieldConfig")
			.path("defaults")
			.path("mappings")
			.path(0)
			.path("options");
		JsonNode table = override(panel("vitals-patient-detail", "Latest NEWS2"), "risk", "mappings").path(0)
			.path("options");
		Set<String> codes = new TreeSet<>();
		for (News2Risk risk : News2Risk.values()) {
			codes.add(risk.code());
			for (JsonNode options : List.of(tile, table)) {
				assertThat(options.path(risk.code()).path("color").asString()).as(risk.code())
					.isEqualTo(RiskTable.colour(risk).code());
			}
		}
		assertThat(table.propertyNames()).containsExactlyInAnyOrderElementsOf(codes);
		// the ward tile of a score that is not complete and current: no risk colour
		List<String> uncoloured = List.of("partial", "not current", "no score", "conflict");
		codes.addAll(uncoloured);
		assertThat(tile.propertyNames()).containsExactlyInAnyOrderElementsOf(codes);
		for (String state : uncoloured) {
			assertThat(tile.path(state).path("color").asString()).as(state).isEqualTo("transparent");
		}
	}

	@Test
	void alarmPrioritiesAreColouredAsTheEngineColoursThem() {
		for (String[] panel : List.of(new String[] { "vitals-ward-overview", "Active alarms" },
				new String[] { "vitals-ward-overview", "Alarms" })) {
			for (AlarmPriority priority : AlarmPriority.values()) {
				String name = priority.name().toLowerCase(Locale.ROOT);
				JsonNode thresholds = override(panel(panel[0], panel[1]), name, "thresholds");
				assertThat(colour(thresholds, 0)).as(panel[1] + " " + name + " 0").isEqualTo("transparent");
				assertThat(colour(thresholds, 1)).as(panel[1] + " " + name + " 1")
					.isEqualTo(RiskTable.colour(priority).code());
			}
		}
		JsonNode options = override(panel("vitals-patient-detail", "Alarms"), "priority", "mappings").path(0)
			.path("options");
		for (AlarmPriority priority : AlarmPriority.values()) {
			String name = priority.name().toLowerCase(Locale.ROOT);
			assertThat(options.path(name).path("color").asString()).as("Alarms table " + name)
				.isEqualTo(RiskTable.colour(priority).code());
		}
	}

	@Test
	void alertThresholdsAreTheOnesOfTheIssue() {
		assertThat(firing("news2-high", 0, 20)).containsExactlyElementsOf(range(7, 20));
		assertThat(firing("news2-medium", 0, 20)).containsExactly(5, 6);
		assertThat(firing("news2-single-parameter-3", 0, 7)).containsExactlyElementsOf(range(1, 7));
		assertThat(firing("spo2-below-90", 50, 100)).containsExactlyElementsOf(range(85, 89));
		assertThat(firing("spo2-below-85", 50, 100)).containsExactlyElementsOf(range(50, 84));
		assertThat(firing("disk-usage", 0, 100)).containsExactlyElementsOf(range(86, 100));
		assertThat(firing("ingest-lag", 29999, 30001)).containsExactly(30001);
		// "SpO2 below 90 for 1 minute": the highest reading of the last minute is below
		// 90
		assertThat(String.valueOf(rule("spo2-below-90").model("A").get("query"))).startsWith("SELECT max(\"spo2\")");
		assertThat(rule("spo2-below-90").query("A").get("relativeTimeRange")).isEqualTo(Map.of("from", 60, "to", 0));
		assertThat(rule("spo2-below-85").query("A")).isEqualTo(rule("spo2-below-90").query("A"));
	}

	private static List<Integer> range(int from, int to) {
		List<Integer> values = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			values.add(i);
		}
		return values;
	}

	/** The whole values from-to the rule's condition fires on. */
	private static List<Integer> firing(String uid, int from, int to) {
		AlertEvaluation.Threshold threshold = AlertEvaluation.Threshold.of(rule(uid).model("C"));
		return range(from, to).stream().filter(threshold::fires).toList();
	}

	private static AlertRule rule(String uid) {
		return GrafanaFiles.alertRules().stream().filter((rule) -> rule.uid().equals(uid)).findFirst().orElseThrow();
	}

	private static JsonNode panel(String dashboardUid, String title) {
		Dashboard dashboard = GrafanaFiles.dashboard(dashboardUid);
		return dashboard.dataPanels()
			.stream()
			.filter((panel) -> title.equals(panel.path("title").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(dashboardUid + " has no panel " + title));
	}

	/** The value of a property of a panel's field override for one field name. */
	private static JsonNode override(JsonNode panel, String fieldName, String property) {
		for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
			if ("byName".equals(override.path("matcher").path("id").asString())
					&& fieldName.equals(override.path("matcher").path("options").asString())) {
				for (JsonNode entry : override.path("properties")) {
					if (property.equals(entry.path("id").asString())) {
						return entry.path("value");
					}
				}
			}
		}
		throw new AssertionError(panel.path("title").asString() + " has no " + property + " override for " + fieldName);
	}

	/** Grafana's threshold lookup: the last step whose value is at most the value. */
	static String colour(JsonNode thresholds, double value) {
		String colour = null;
		for (JsonNode step : thresholds.path("steps")) {
			if (step.path("value").isNull() || step.path("value").isMissingNode()
					|| value >= step.path("value").asDouble()) {
				colour = step.path("color").asString();
			}
		}
		return colour;
	}

}
