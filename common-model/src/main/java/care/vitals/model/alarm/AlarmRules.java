package care.vitals.model.alarm;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import care.vitals.model.parameter.Parameter;

/**
 * The project's documented alarm risk table: which condition raises which alarm at which
 * priority (IEC 60601-1-8 defines the priorities, not the conditions).
 * <p>
 * {@link #defaults()}, clinical limits in stored units (a value strictly beyond a limit
 * violates it), chosen from the NEWS2 "3" bands and the alarm-fatigue evidence in
 * {@code CLINICAL.md}:
 * <table>
 * <caption>Default clinical limits</caption>
 * <tr>
 * <th>parameter</th>
 * <th>high prio. low</th>
 * <th>medium low</th>
 * <th>medium high</th>
 * <th>high prio. high</th>
 * <th>delay</th>
 * <th>hysteresis</th>
 * <th>clear delay</th>
 * </tr>
 * <tr>
 * <td>SpO2 %</td>
 * <td>&lt; 85</td>
 * <td>&lt; 90</td>
 * <td></td>
 * <td></td>
 * <td>30 s</td>
 * <td>2</td>
 * <td>10 s</td>
 * </tr>
 * <tr>
 * <td>heart rate /min</td>
 * <td>&lt; 40</td>
 * <td>&lt; 50</td>
 * <td>&gt; 120</td>
 * <td>&gt; 140</td>
 * <td>10 s</td>
 * <td>5</td>
 * <td>10 s</td>
 * </tr>
 * <tr>
 * <td>resp. rate /min</td>
 * <td>&lt; 8</td>
 * <td>&lt; 10</td>
 * <td>&gt; 24</td>
 * <td>&gt; 30</td>
 * <td>20 s</td>
 * <td>2</td>
 * <td>15 s</td>
 * </tr>
 * <tr>
 * <td>systolic BP mmHg</td>
 * <td>&lt; 90</td>
 * <td></td>
 * <td></td>
 * <td>&gt; 220</td>
 * <td>0 (intermittent)</td>
 * <td>5</td>
 * <td>0</td>
 * </tr>
 * <tr>
 * <td>temperature &deg;C</td>
 * <td></td>
 * <td>&lt; 35.0</td>
 * <td>&gt; 39.5</td>
 * <td></td>
 * <td>0 (often intermittent)</td>
 * <td>0.2</td>
 * <td>0</td>
 * </tr>
 * </table>
 * Priorities (critical limits high, outer limits medium) and the NEWS2 and technical
 * alarms' priorities come from the {@link RiskTable}. NEWS2 alarms (on): total 7+
 * {@value AlarmKinds#NEWS2_HIGH} high, 5-6 {@value AlarmKinds#NEWS2_MEDIUM} medium, a
 * single 3 {@value AlarmKinds#NEWS2_SINGLE} medium. Technical alarms: see
 * {@link TechnicalRules#defaults()}.
 *
 * @param thresholds the limit rules by parameter, each keyed by its own parameter;
 * copied, unmodifiable; never {@code null}
 * @param technical the technical alarm settings; never {@code null}
 * @param news2Alarms whether NEWS2 scores raise alarms
 * @param news2Hold how long a lower NEWS2 band must hold before the episode's alarm
 * de-escalates or resolves (sustained improvement, CLINICAL.md principle 6); positive, at
 * most an hour
 */
public record AlarmRules(Map<Parameter, ThresholdRule> thresholds, TechnicalRules technical, boolean news2Alarms,
		Duration news2Hold) {

	/**
	 * The default {@link #news2Hold}: a quarter of the hourly observations that NEWS2 5-6
	 * prescribe. Measured against 5 min on the simulated ward (docs/benchmarks.md, alarm
	 * burden): a patient hovering at the urgent threshold for hours got a new episode
	 * about every 25 min with 5; with 15 the same deteriorations alarm as early (an alarm
	 * rises at once), while a dip of a few minutes no longer ends the episode.
	 */
	public static final Duration DEFAULT_NEWS2_HOLD = Duration.ofMinutes(15);

	/**
	 * Validates and copies the rules.
	 * @throws IllegalArgumentException if a rule is filed under another parameter
	 */
	public AlarmRules {
		Map<Parameter, ThresholdRule> copy = new EnumMap<>(Parameter.class);
		Objects.requireNonNull(thresholds, "thresholds").forEach((parameter, rule) -> {
			if (rule == null || rule.parameter() != parameter) {
				throw new IllegalArgumentException("the rule for " + parameter + " must be a rule of " + parameter);
			}
			copy.put(parameter, rule);
		});
		Objects.requireNonNull(technical, "technical");
		Objects.requireNonNull(news2Hold, "news2Hold");
		if (news2Hold.isNegative() || news2Hold.isZero() || news2Hold.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("the NEWS2 hold must be positive and at most an hour, not " + news2Hold);
		}
		thresholds = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns the documented default risk table.
	 * @return the defaults
	 */
	public static AlarmRules defaults() {
		Map<Parameter, ThresholdRule> rules = new EnumMap<>(Parameter.class);
		add(rules, new ThresholdRule(Parameter.SPO2, 85.0, 90.0, null, null, seconds(30), 2, seconds(10), true));
		add(rules,
				new ThresholdRule(Parameter.HEART_RATE, 40.0, 50.0, 120.0, 140.0, seconds(10), 5, seconds(10), true));
		add(rules, new ThresholdRule(Parameter.RESP_RATE, 8.0, 10.0, 24.0, 30.0, seconds(20), 2, seconds(15), true));
		add(rules, new ThresholdRule(Parameter.SYSTOLIC_BP, 90.0, null, null, 220.0, Duration.ZERO, 5, Duration.ZERO,
				true));
		add(rules, new ThresholdRule(Parameter.TEMPERATURE, null, 35.0, 39.5, null, Duration.ZERO, 0.2, Duration.ZERO,
				true));
		return new AlarmRules(rules, TechnicalRules.defaults(), true, DEFAULT_NEWS2_HOLD);
	}

	/**
	 * Returns a copy with one parameter's rule replaced or added.
	 * @param rule the rule; never {@code null}
	 * @return the new rules
	 */
	public AlarmRules with(ThresholdRule rule) {
		Objects.requireNonNull(rule, "rule");
		Map<Parameter, ThresholdRule> copy = new EnumMap<>(Parameter.class);
		copy.putAll(this.thresholds);
		copy.put(rule.parameter(), rule);
		return new AlarmRules(copy, this.technical, this.news2Alarms, this.news2Hold);
	}

	/**
	 * Returns a copy with other technical settings.
	 * @param technical the settings; never {@code null}
	 * @return the new rules
	 */
	public AlarmRules with(TechnicalRules technical) {
		return new AlarmRules(this.thresholds, technical, this.news2Alarms, this.news2Hold);
	}

	/**
	 * Returns a copy with NEWS2 alarms switched on or off.
	 * @param on whether NEWS2 scores raise alarms
	 * @return the new rules
	 */
	public AlarmRules withNews2Alarms(boolean on) {
		return new AlarmRules(this.thresholds, this.technical, on, this.news2Hold);
	}

	/**
	 * Returns a copy with another NEWS2 hold.
	 * @param hold how long a lower band must hold
	 * @return the new rules
	 */
	public AlarmRules withNews2Hold(Duration hold) {
		return new AlarmRules(this.thresholds, this.technical, this.news2Alarms, hold);
	}

	/**
	 * Returns the rule of one parameter.
	 * @param parameter the parameter
	 * @return the rule, or empty if the parameter has no limit alarms
	 */
	public Optional<ThresholdRule> threshold(Parameter parameter) {
		return Optional.ofNullable(this.thresholds.get(parameter));
	}

	private static void add(Map<Parameter, ThresholdRule> rules, ThresholdRule rule) {
		rules.put(rule.parameter(), rule);
	}

	private static Duration seconds(long seconds) {
		return Duration.ofSeconds(seconds);
	}

}
