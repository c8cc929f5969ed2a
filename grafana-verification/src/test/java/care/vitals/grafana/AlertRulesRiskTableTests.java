package care.vitals.grafana;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import care.vitals.grafana.GrafanaFiles.AlertRule;
import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.alarm.LimitBreach;
import care.vitals.model.alarm.RiskRow;
import care.vitals.model.alarm.RiskTable;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Scorer;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that Grafana's clinical and technical alert rules agree with the alarm
 * engine's risk table ({@link RiskTable} of {@link AlarmRules#defaults()}): every such
 * rule names the engine's alarm kind it mirrors (label {@code kind}), carries the
 * priority the engine raises, and fires on exactly the values for which the engine raises
 * that kind at that priority. So a rule can never page at another priority, or from
 * another limit, than the ward's alarm list shows.
 */
class AlertRulesRiskTableTests {

	private static final AlarmRules DEFAULTS = AlarmRules.defaults();

	@Test
	void everyClinicalAndTechnicalRuleMirrorsAKindOfTheRiskTableAtOneOfItsPriorities() {
		List<RiskRow> rows = RiskTable.rows(DEFAULTS);
		List<String> problems = new ArrayList<>();
		for (AlertRule rule : mirroringRules()) {
			String kind = rule.labels().get("kind");
			Set<String> priorities = new TreeSet<>();
			rows.stream()
				.filter((row) -> row.kind().equals(kind))
				.forEach((row) -> priorities.add(code(row.priority())));
			if (!priorities.contains(rule.labels().get("priority"))) {
				problems.add(rule.uid() + ": kind " + kind + " is " + priorities + " in the engine, the rule says "
						+ rule.labels().get("priority"));
			}
		}
		assertThat(problems).isEmpty();
		assertThat(mirroringRules()).extracting(AlertRule::uid)
			.contains("news2-high", "news2-medium", "news2-single-parameter-3", "spo2-below-90", "spo2-below-85",
					"device-offline", "device-no-data");
	}

	@Test
	void news2TotalRulesFireOnExactlyTheTotalsTheEngineAlarmsAtTheirKind() {
		List<String> problems = new ArrayList<>();
		for (AlertRule rule : rulesOf(AlarmKinds.NEWS2_HIGH, AlarmKinds.NEWS2_MEDIUM)) {
			String kind = rule.labels().get("kind");
			AlertEvaluation.Threshold threshold = AlertEvaluation.Threshold.of(rule.model("C"));
			for (int total = 0; total <= News2Scorer.MAX_TOTAL; total++) {
				News2Risk risk = News2Scorer.risk(total, false);
				boolean engine = RiskTable.news2Kind(risk).filter(kind::equals).isPresent();
				if (threshold.fires(total) != engine) {
					problems.add(rule.uid() + " at NEWS2 " + total + ": fires " + threshold.fires(total)
							+ ", the engine raises " + RiskTable.news2Kind(risk).orElse("nothing"));
				}
				if (engine) {
					assertThat(rule.labels().get("priority")).isEqualTo(code(RiskTable.news2Priority(risk).get()));
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void singleParameterRuleFiresOnAnySubScoreOfThreeAtTheEnginesPriority() {
		AlertRule rule = rulesOf(AlarmKinds.NEWS2_SINGLE).get(0);
		AlertEvaluation.Threshold threshold = AlertEvaluation.Threshold.of(rule.model("C"));
		assertThat(threshold.fires(0)).isFalse();
		for (int parametersAtThree = 1; parametersAtThree <= 7; parametersAtThree++) {
			assertThat(threshold.fires(parametersAtThree)).as(parametersAtThree + " parameters scoring 3").isTrue();
		}
		assertThat(rule.labels().get("priority"))
			.isEqualTo(code(RiskTable.news2Priority(News2Risk.LOW_MEDIUM).orElseThrow()))
			.isEqualTo("medium");
	}

	/**
	 * Verifies, for every rule mirroring a limit alarm, over the parameter's plausible
	 * range (every 0.01 and both sides of every limit of the engine and of the rule): the
	 * rule fires exactly where a sustained value raises that kind at the rule's priority
	 * in the engine.
	 */
	@Test
	void limitRulesFireOnExactlyTheValuesTheEngineRaisesAtTheirPriority() {
		List<String> problems = new ArrayList<>();
		List<AlertRule> limitRules = mirroringRules().stream()
			.filter((rule) -> parameterOf(rule.labels().get("kind")).isPresent())
			.toList();
		for (AlertRule rule : limitRules) {
			String kind = rule.labels().get("kind");
			Parameter parameter = parameterOf(kind).get();
			ThresholdRule limits = DEFAULTS.threshold(parameter).orElseThrow();
			AlarmPriority priority = AlarmPriority.valueOf(rule.labels().get("priority").toUpperCase(Locale.ROOT));
			AlertEvaluation.Threshold threshold = AlertEvaluation.Threshold.of(rule.model("C"));
			LimitBreach expected = new LimitBreach(kind, priority);
			for (double value : probes(parameter, limits, threshold)) {
				boolean engine = RiskTable.limitBreach(limits, value).filter(expected::equals).isPresent();
				if (threshold.fires(value) != engine) {
					problems.add(rule.uid() + " at " + value + ": fires " + threshold.fires(value)
							+ ", the engine raises " + RiskTable.limitBreach(limits, value));
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(limitRules).extracting(AlertRule::uid).contains("spo2-below-90", "spo2-below-85");
	}

	@Test
	void technicalRulesHaveTheEnginesPriority() {
		for (AlertRule rule : rulesOf(AlarmKinds.DEVICE_OFFLINE, AlarmKinds.NO_DATA)) {
			assertThat(rule.labels().get("priority")).as(rule.uid())
				.isEqualTo(code(RiskTable.priority(rule.labels().get("kind"))));
		}
	}

	/** The clinical and technical rules: each must name the kind it mirrors. */
	private static List<AlertRule> mirroringRules() {
		List<AlertRule> rules = GrafanaFiles.alertRules()
			.stream()
			.filter((rule) -> Set.of("clinical", "technical").contains(rule.labels().get("category")))
			.toList();
		assertThat(rules).allSatisfy((rule) -> assertThat(rule.labels()).as(rule.uid()).containsKey("kind"));
		return rules;
	}

	private static List<AlertRule> rulesOf(String... kinds) {
		List<AlertRule> rules = mirroringRules().stream()
			.filter((rule) -> Set.of(kinds).contains(rule.labels().get("kind")))
			.toList();
		assertThat(rules).as("rules of " + List.of(kinds)).isNotEmpty();
		return rules;
	}

	private static Optional<Parameter> parameterOf(String kind) {
		for (String suffix : List.of("_low", "_high")) {
			if (kind.endsWith(suffix)) {
				return Parameter.byName(kind.substring(0, kind.length() - suffix.length()))
					.filter((parameter) -> kind.equals(AlarmKinds.low(parameter))
							|| kind.equals(AlarmKinds.high(parameter)));
			}
		}
		return Optional.empty();
	}

	private static List<Double> probes(Parameter parameter, ThresholdRule limits, AlertEvaluation.Threshold rule) {
		Set<Double> points = new TreeSet<>();
		BigDecimal step = new BigDecimal("0.01");
		BigDecimal end = BigDecimal.valueOf(parameter.plausibleRange().max());
		for (BigDecimal value = BigDecimal.valueOf(parameter.plausibleRange().min()); value
			.compareTo(end) <= 0; value = value.add(step)) {
			points.add(value.doubleValue());
		}
		List<Double> edges = new ArrayList<>(rule.params());
		for (Double limit : new Double[] { limits.criticalLow(), limits.low(), limits.high(), limits.criticalHigh() }) {
			if (limit != null) {
				edges.add(limit);
			}
		}
		for (double edge : edges) {
			points.add(edge);
			points.add(Math.nextDown(edge));
			points.add(Math.nextUp(edge));
		}
		return List.copyOf(points);
	}

	private static String code(AlarmPriority priority) {
		return priority.name().toLowerCase(Locale.ROOT);
	}

}
