package care.vitals.grafana;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import care.vitals.grafana.GrafanaFiles.AlertRule;
import care.vitals.grafana.GrafanaFiles.Dashboard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that every clinical colour band of the dashboards is the NEWS2 band of
 * CLINICAL.md (RCP 2017), and that the alert thresholds are the ones of the issue.
 * <p>
 * The colour of a value must be the colour of the NEWS2 sub-score of the rounded value (0
 * green, 1 yellow, 2 orange, 3 red). Rounding is half up, to integers and for temperature
 * to one decimal; if the clinical engine settles on another rule, the step values move
 * with it and this test says where.
 */
class ClinicalBandsTests {

	private static final List<String> SCORE_COLOURS = List.of("green", "yellow", "orange", "red");

	/** NEWS2 sub-scores of whole values (temperature: tenths of a degree). */
	private static final Map<String, IntUnaryOperator> SCORES = Map.of(
			// pulse /min: <=40 3, 41-50 1, 51-90 0, 91-110 1, 111-130 2, >=131 3
			"heart_rate", (v) -> (v <= 40) ? 3 : (v <= 50) ? 1 : (v <= 90) ? 0 : (v <= 110) ? 1 : (v <= 130) ? 2 : 3,
			// respiratory rate /min: <=8 3, 9-11 1, 12-20 0, 21-24 2, >=25 3
			"resp_rate", (v) -> (v <= 8) ? 3 : (v <= 11) ? 1 : (v <= 20) ? 0 : (v <= 24) ? 2 : 3,
			// SpO2 scale 1 %: <=91 3, 92-93 2, 94-95 1, >=96 0
			"spo2", (v) -> (v <= 91) ? 3 : (v <= 93) ? 2 : (v <= 95) ? 1 : 0,
			// systolic BP mmHg: <=90 3, 91-100 2, 101-110 1, 111-219 0, >=220 3
			"systolic_bp", (v) -> (v <= 90) ? 3 : (v <= 100) ? 2 : (v <= 110) ? 1 : (v <= 219) ? 0 : 3,
			// temperature in tenths: <=35.0 3, 35.1-36.0 1, 36.1-38.0 0, 38.1-39.0 1,
			// >=39.1 2
			"temperature", (t) -> (t <= 350) ? 3 : (t <= 360) ? 1 : (t <= 380) ? 0 : (t <= 390) ? 1 : 2);

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

	@Test
	void vitalSignColoursAreTheNews2SubScoreColoursOfTheRoundedValue() {
		List<String> mismatches = new ArrayList<>();
		for (String[] banded : BANDED_PANELS) {
			JsonNode thresholds = panel(banded[0], banded[1]).path("fieldConfig").path("defaults").path("thresholds");
			String parameter = banded[2];
			boolean tenths = parameter.equals("temperature");
			BigDecimal step = tenths ? new BigDecimal("0.01") : new BigDecimal("0.1");
			BigDecimal end = new BigDecimal(tenths ? "44" : "300");
			for (BigDecimal value = BigDecimal.ZERO; value.compareTo(end) <= 0; value = value.add(step)) {
				int rounded = tenths ? value.movePointRight(1).setScale(0, RoundingMode.HALF_UP).intValueExact()
						: value.setScale(0, RoundingMode.HALF_UP).intValueExact();
				String expected = SCORE_COLOURS.get(SCORES.get(parameter).applyAsInt(rounded));
				String actual = colour(thresholds, value.doubleValue());
				if (!expected.equals(actual)) {
					mismatches.add(banded[0] + " / " + banded[1] + ": " + value + " is " + actual + ", NEWS2 says "
							+ expected);
					break;
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void news2TotalIsGreenUpTo4OrangeFrom5AndRedFrom7() {
		for (String[] panel : List.of(new String[] { "vitals-ward-overview", "NEWS2" },
				new String[] { "vitals-patient-detail", "NEWS2" })) {
			JsonNode thresholds = panel(panel[0], panel[1]).path("fieldConfig").path("defaults").path("thresholds");
			for (int score = 0; score <= 20; score++) {
				String expected = (score >= 7) ? "red" : (score >= 5) ? "orange" : "green";
				assertThat(colour(thresholds, score)).as(panel[0] + " NEWS2 " + score).isEqualTo(expected);
			}
		}
	}

	@Test
	void alertThresholdsAreTheOnesOfTheIssue() {
		assertThat(firing("news2-high", 0, 20)).containsExactlyElementsOf(range(7, 20));
		assertThat(firing("news2-medium", 0, 20)).containsExactly(5, 6);
		assertThat(firing("news2-single-parameter-3", 0, 7)).containsExactlyElementsOf(range(1, 7));
		assertThat(firing("spo2-below-90", 50, 100)).containsExactlyElementsOf(range(50, 89));
		assertThat(firing("disk-usage", 0, 100)).containsExactlyElementsOf(range(86, 100));
		assertThat(firing("ingest-lag", 29999, 30001)).containsExactly(30001);
		// "SpO2 below 90 for 1 minute": the highest reading of the last minute is below
		// 90
		assertThat(String.valueOf(rule("spo2-below-90").model("A").get("query"))).startsWith("SELECT max(\"spo2\")");
		assertThat(rule("spo2-below-90").query("A").get("relativeTimeRange")).isEqualTo(Map.of("from", 60, "to", 0));
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
