package care.vitals.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a raw InfluxQL query of a dashboard or alert rule the way Grafana 11 does
 * before it reaches InfluxDB.
 * <ul>
 * <li>Template variables ({@code $name}, {@code ${name}}), interpolated in the browser: a
 * variable that is neither multi-value nor has "All" is inserted as it is; otherwise each
 * value is regex-escaped and several values become {@code (a|b)}; "All" is the variable's
 * {@code allValue} when set (inserted unescaped), else every option.</li>
 * <li>Macros, replaced by the InfluxQL backend
 * ({@code pkg/tsdb/influxdb/models/query.go}): {@code $timeFilter} becomes
 * {@code time >= <from>ms and time <= <to>ms}, {@code $__interval} and {@code $interval}
 * the interval ({@code 10s}), {@code $__interval_ms} its milliseconds.</li>
 * </ul>
 */
final class InfluxQlTemplate {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

	private static final Pattern LEFTOVER = Pattern.compile("\\$(\\{|[A-Za-z_])");

	private static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(20),
			Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
			Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1));

	private final Map<String, Value> variables = new LinkedHashMap<>();

	private final Instant from;

	private final Instant to;

	private final Duration interval;

	private InfluxQlTemplate(Instant from, Instant to, Duration interval) {
		this.from = from;
		this.to = to;
		this.interval = interval;
	}

	/**
	 * A template for a time range ending now, with the interval Grafana would choose for
	 * a panel about 1,000 pixels wide (range / 1000, rounded up to a round interval, at
	 * least 10 s).
	 * @param range the length of the time range, e.g. the dashboard's {@code now-15m}
	 * @param now the end of the range
	 * @return the template
	 */
	static InfluxQlTemplate lastRange(Duration range, Instant now) {
		return new InfluxQlTemplate(now.minus(range), now, intervalFor(range, Duration.ZERO));
	}

	static Duration intervalFor(Duration range, Duration minimum) {
		Duration wanted = range.dividedBy(1000);
		Duration chosen = INTERVALS.stream()
			.filter((candidate) -> candidate.compareTo(wanted) >= 0)
			.findFirst()
			.orElse(INTERVALS.get(INTERVALS.size() - 1));
		return (chosen.compareTo(minimum) < 0) ? minimum : chosen;
	}

	/**
	 * Returns a copy with a panel's minimum interval applied.
	 * @param minimum the panel's {@code interval}, e.g. {@code 1m}; null or empty for
	 * none
	 * @return the template to expand that panel's queries with
	 */
	InfluxQlTemplate withMinInterval(String minimum) {
		if (minimum == null || minimum.isEmpty()) {
			return this;
		}
		Duration min = parseDuration(minimum);
		InfluxQlTemplate copy = new InfluxQlTemplate(this.from, this.to,
				(this.interval.compareTo(min) < 0) ? min : this.interval);
		copy.variables.putAll(this.variables);
		return copy;
	}

	/**
	 * Sets a variable.
	 * @param name the variable name
	 * @param values the selected values
	 * @param multiOrAll whether the variable is multi-value or has "All" (values are then
	 * regex-escaped)
	 * @return this template
	 */
	InfluxQlTemplate with(String name, List<String> values, boolean multiOrAll) {
		this.variables.put(name, new Value(values, multiOrAll, null));
		return this;
	}

	/**
	 * Sets a variable to "All" with an explicit {@code allValue}, inserted unescaped.
	 * @param name the variable name
	 * @param allValue e.g. {@code .*}
	 * @return this template
	 */
	InfluxQlTemplate withAll(String name, String allValue) {
		this.variables.put(name, new Value(List.of(), true, allValue));
		return this;
	}

	InfluxQlTemplate copy() {
		InfluxQlTemplate copy = new InfluxQlTemplate(this.from, this.to, this.interval);
		copy.variables.putAll(this.variables);
		return copy;
	}

	Duration interval() {
		return this.interval;
	}

	/**
	 * Expands a query.
	 * @param query the raw query as stored in the dashboard or rule
	 * @return the query InfluxDB receives
	 * @throws IllegalArgumentException if a {@code $...} reference remains that Grafana
	 * would not replace (an unknown variable)
	 */
	String expand(String query) {
		String result = replaceVariables(query);
		String intervalText = format(this.interval);
		result = result.replace("$timeFilter",
				"time >= " + this.from.toEpochMilli() + "ms and time <= " + this.to.toEpochMilli() + "ms");
		result = result.replace("$interval", intervalText);
		result = result.replace("$__interval_ms", Long.toString(this.interval.toMillis()));
		result = result.replace("$__interval", intervalText);
		Matcher leftover = LEFTOVER.matcher(result);
		if (leftover.find()) {
			throw new IllegalArgumentException("Unexpanded reference at " + leftover.start() + " in: " + result);
		}
		return result;
	}

	private String replaceVariables(String query) {
		Matcher matcher = VARIABLE.matcher(query);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			Value value = this.variables.get(name);
			String replacement = (value != null) ? value.render() : matcher.group();
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	static String format(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

	/**
	 * Parses a Grafana relative time or interval: {@code 15m}, {@code 12h}, {@code 7d},
	 * {@code 30s}.
	 */
	static Duration parseDuration(String text) {
		Matcher matcher = Pattern.compile("(\\d+)([smhdw])").matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a duration: " + text);
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofDays(7 * amount);
		};
	}

	/**
	 * Grafana's {@code escapeRegex}: escapes {@code \ ^ $ * + ? . ( ) | [ ] { } /}.
	 */
	static String escapeRegex(String value) {
		return value.replaceAll("[\\\\^$*+?.()|\\[\\]{}/]", "\\\\$0");
	}

	private record Value(List<String> values, boolean multiOrAll, String allValue) {

		String render() {
			if (this.allValue != null) {
				return this.allValue;
			}
			if (!this.multiOrAll) {
				return String.join(",", this.values);
			}
			List<String> escaped = this.values.stream().map(InfluxQlTemplate::escapeRegex).toList();
			return (escaped.size() == 1) ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
		}

	}

}
