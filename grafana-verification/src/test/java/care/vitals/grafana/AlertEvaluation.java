package care.vitals.grafana;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.vitals.grafana.GrafanaFiles.AlertRule;

/**
 * Evaluates a provisioned alert rule of the shape every rule here has: A (InfluxQL, one
 * series per bed, device or host), B = reduce A, C = threshold on B. The reduce and
 * threshold semantics are those of Grafana's server-side expressions ({@code reduce} with
 * mode {@code dropNN}; {@code gt}, {@code lt}, {@code within_range},
 * {@code outside_range}).
 */
final class AlertEvaluation {

	private AlertEvaluation() {
	}

	/**
	 * Evaluates a rule on the result of its query A.
	 * @param rule the rule
	 * @param result what InfluxDB returned for A
	 * @return per series (its tags), whether the condition is true
	 */
	static Map<Map<String, String>, Boolean> evaluate(AlertRule rule, InfluxResult result) {
		Map<String, Object> reduce = rule.model("B");
		Threshold threshold = Threshold.of(rule.model("C"));
		if (!"reduce".equals(reduce.get("type")) || !"A".equals(reduce.get("expression"))
				|| !"B".equals(threshold.expression())) {
			throw new IllegalArgumentException(rule.uid() + " is not A -> reduce B -> threshold C");
		}
		Map<Map<String, String>, Boolean> firing = new LinkedHashMap<>();
		for (InfluxResult.Series series : result.series()) {
			List<Double> numbers = series.numbers();
			if (!numbers.isEmpty()) {
				firing.put(series.tags(), threshold.fires(reduce(String.valueOf(reduce.get("reducer")), numbers)));
			}
		}
		return firing;
	}

	static double reduce(String reducer, List<Double> numbers) {
		return switch (reducer) {
			case "last" -> numbers.get(numbers.size() - 1);
			case "max" -> numbers.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
			case "min" -> numbers.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
			case "mean" -> numbers.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
			case "sum" -> numbers.stream().mapToDouble(Double::doubleValue).sum();
			case "count" -> numbers.size();
			default -> throw new IllegalArgumentException("Unknown reducer " + reducer);
		};
	}

	/**
	 * A threshold expression.
	 *
	 * @param expression the refId it reads
	 * @param type gt, lt, within_range or outside_range
	 * @param params one bound, or two for ranges
	 */
	record Threshold(String expression, String type, List<Double> params) {

		@SuppressWarnings("unchecked")
		static Threshold of(Map<String, Object> model) {
			if (!"threshold".equals(model.get("type"))) {
				throw new IllegalArgumentException("Not a threshold: " + model);
			}
			List<Map<String, Object>> conditions = (List<Map<String, Object>>) model.get("conditions");
			if (conditions == null || conditions.size() != 1) {
				throw new IllegalArgumentException("Expected one condition: " + model);
			}
			Map<String, Object> evaluator = (Map<String, Object>) conditions.get(0).get("evaluator");
			List<Double> params = ((List<Object>) evaluator.get("params")).stream()
				.map((param) -> ((Number) param).doubleValue())
				.toList();
			return new Threshold(String.valueOf(model.get("expression")), String.valueOf(evaluator.get("type")),
					params);
		}

		boolean fires(double value) {
			return switch (this.type) {
				case "gt" -> value > this.params.get(0);
				case "lt" -> value < this.params.get(0);
				case "within_range" -> value > this.params.get(0) && value < this.params.get(1);
				case "outside_range" -> value < this.params.get(0) || value > this.params.get(1);
				default -> throw new IllegalArgumentException("Unknown threshold type " + this.type);
			};
		}

	}

}
