package care.vitals.model.alarm;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import care.vitals.model.alarm.LimitTracker.Limits;
import care.vitals.model.alarm.LimitTracker.Side;
import care.vitals.model.alarm.LimitTracker.Tier;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.parameter.Parameter;

/**
 * The project's risk table, the one source of truth for which condition raises which
 * alarm at which priority (IEC 60601-1-8 defines the priorities, not the conditions) and
 * in which colour it is shown. The alarm engine takes every priority from here; the
 * Grafana alert rules and dashboards are checked against it value by value (module
 * {@code grafana-verification}), and {@code docs/clinical.md} shows {@link #rows} of the
 * defaults.
 * <ul>
 * <li><b>NEWS2</b>: total 7 or more {@value AlarmKinds#NEWS2_HIGH} high; 5-6
 * {@value AlarmKinds#NEWS2_MEDIUM} medium; a single parameter scoring 3 (total below 5)
 * {@value AlarmKinds#NEWS2_SINGLE} medium, since the RCP asks for an urgent ward-based
 * response (the nurse informs the medical team), which is a prompt response, not mere
 * awareness.</li>
 * <li><b>Limits</b>: beyond an outer limit medium, beyond a critical limit high (the
 * limits themselves are {@link AlarmRules}).</li>
 * <li><b>Technical</b>: a fault that stops monitoring (sensor fault, device offline, no
 * data, impossible value) medium; battery low, medium when critical; readings missed,
 * clock skew and sources disagreeing low.</li>
 * <li><b>Colours</b>: alarms by priority (high red, medium yellow, low blue); NEWS2 risk
 * low green, low-medium yellow, medium orange, high red; NEWS2 sub-scores 0 green, 1
 * yellow, 2 orange, 3 red.</li>
 * </ul>
 */
public final class RiskTable {

	private static final Map<String, AlarmPriority> FIXED = Map.of(AlarmKinds.PROBE_OFF, AlarmPriority.MEDIUM,
			AlarmKinds.LEAD_OFF, AlarmPriority.MEDIUM, AlarmKinds.SENSOR_DISCONNECTED, AlarmPriority.MEDIUM,
			AlarmKinds.DEVICE_OFFLINE, AlarmPriority.MEDIUM, AlarmKinds.NO_DATA, AlarmPriority.MEDIUM,
			AlarmKinds.IMPLAUSIBLE_VALUE, AlarmPriority.MEDIUM, AlarmKinds.SEQUENCE_GAP, AlarmPriority.LOW,
			AlarmKinds.CLOCK_SKEW, AlarmPriority.LOW, AlarmKinds.SOURCES_DISAGREE, AlarmPriority.LOW,
			AlarmKinds.LIMIT_CHANGED, AlarmPriority.LOW);

	private static final List<RiskColour> SUB_SCORE_COLOURS = List.of(RiskColour.GREEN, RiskColour.YELLOW,
			RiskColour.ORANGE, RiskColour.RED);

	private RiskTable() {
	}

	/**
	 * Returns the priority of a kind that has one priority: the technical kinds other
	 * than {@value AlarmKinds#BATTERY_LOW}.
	 * @param kind the alarm kind
	 * @return the priority
	 * @throws IllegalArgumentException if the kind's priority depends on a limit or a
	 * score (NEWS2, limit and battery kinds) or the kind is unknown
	 */
	public static AlarmPriority priority(String kind) {
		AlarmPriority priority = FIXED.get(kind);
		if (priority == null) {
			throw new IllegalArgumentException(kind + " has no single priority");
		}
		return priority;
	}

	/**
	 * Kinds that are indications, not alarms: information on the bed's list (who changed
	 * which limit, and when) that neither latches nor escalates.
	 */
	private static final Set<String> INDICATIONS = Set.of(AlarmKinds.LIMIT_CHANGED);

	/**
	 * Whether an alarm latches (IEC 60601-1-8): stays on the bed's list, unacknowledged,
	 * after its condition ended, until somebody acknowledges it. High-priority clinical
	 * alarms (limit and NEWS2 kinds) latch; technical alarms, indications and lower
	 * priorities do not.
	 * @param alarm the alarm
	 * @return whether it latches
	 */
	public static boolean latches(Alarm alarm) {
		return alarm.priority() == AlarmPriority.HIGH && !FIXED.containsKey(alarm.kind())
				&& !AlarmKinds.BATTERY_LOW.equals(alarm.kind()) && !AlarmKinds.STATE_UNRESTORED.equals(alarm.kind())
				&& !INDICATIONS.contains(alarm.kind());
	}

	/**
	 * Whether an alarm of this kind escalates to the next contact point while nobody
	 * acknowledges it ({@link Escalation}): every alarm does, an indication
	 * ({@value AlarmKinds#LIMIT_CHANGED}: information, not an alarm) does not.
	 * @param alarm the alarm
	 * @return whether it escalates
	 */
	public static boolean escalates(Alarm alarm) {
		return !INDICATIONS.contains(alarm.kind());
	}

	/**
	 * Returns the priority of the NEWS2 alarm of a risk band.
	 * @param risk the band; never {@code null}
	 * @return the priority, or empty for {@link News2Risk#LOW} (no alarm)
	 */
	public static Optional<AlarmPriority> news2Priority(News2Risk risk) {
		return Optional.ofNullable(switch (Objects.requireNonNull(risk, "risk")) {
			case HIGH -> AlarmPriority.HIGH;
			case MEDIUM, LOW_MEDIUM -> AlarmPriority.MEDIUM;
			case LOW -> null;
		});
	}

	/**
	 * Returns the kind of the NEWS2 alarm of a risk band.
	 * @param risk the band; never {@code null}
	 * @return the kind, or empty for {@link News2Risk#LOW} (no alarm)
	 */
	public static Optional<String> news2Kind(News2Risk risk) {
		return Optional.ofNullable(switch (Objects.requireNonNull(risk, "risk")) {
			case HIGH -> AlarmKinds.NEWS2_HIGH;
			case MEDIUM -> AlarmKinds.NEWS2_MEDIUM;
			case LOW_MEDIUM -> AlarmKinds.NEWS2_SINGLE;
			case LOW -> null;
		});
	}

	/**
	 * Returns the risk band a NEWS2 alarm kind stands for.
	 * @param kind an alarm kind
	 * @return the band, or empty if the kind is not a NEWS2 alarm kind
	 */
	public static Optional<News2Risk> news2Risk(String kind) {
		for (News2Risk risk : News2Risk.values()) {
			if (news2Kind(risk).filter((k) -> k.equals(kind)).isPresent()) {
				return Optional.of(risk);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the priority of a clinical limit.
	 * @param critical whether it is a critical limit ({@code criticalLow},
	 * {@code criticalHigh}) rather than an outer one
	 * @return {@link AlarmPriority#HIGH} for critical, {@link AlarmPriority#MEDIUM} for
	 * outer limits
	 */
	public static AlarmPriority limitPriority(boolean critical) {
		return critical ? AlarmPriority.HIGH : AlarmPriority.MEDIUM;
	}

	/**
	 * Returns the priority of a battery alarm.
	 * @param critical whether the battery is below the critical level rather than the low
	 * one
	 * @return {@link AlarmPriority#MEDIUM} for critical, {@link AlarmPriority#LOW} for
	 * low
	 */
	public static AlarmPriority batteryPriority(boolean critical) {
		return critical ? AlarmPriority.MEDIUM : AlarmPriority.LOW;
	}

	/**
	 * Returns the limit alarm a value raises once sustained for the rule's delay.
	 * @param rule the rule; never {@code null}
	 * @param value the value in the parameter's stored unit
	 * @return the kind and priority of the worst limit the value is beyond, or empty if
	 * within the limits or the rule is disabled
	 */
	public static Optional<LimitBreach> limitBreach(ThresholdRule rule, double value) {
		if (!rule.enabled()) {
			return Optional.empty();
		}
		for (Side side : Side.values()) {
			Optional<Tier> worst = Limits.of(rule, side)
				.flatMap((limits) -> limits.tiers()
					.stream()
					.filter((tier) -> limits.violates(value, tier.limit()))
					.min(Comparator.comparing(Tier::priority)));
			if (worst.isPresent()) {
				return Optional.of(new LimitBreach(kind(rule.parameter(), side), worst.get().priority()));
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the colour of an alarm priority on every display.
	 * @param priority the priority; never {@code null}
	 * @return high red, medium yellow, low blue
	 */
	public static RiskColour colour(AlarmPriority priority) {
		return switch (Objects.requireNonNull(priority, "priority")) {
			case HIGH -> RiskColour.RED;
			case MEDIUM -> RiskColour.YELLOW;
			case LOW -> RiskColour.BLUE;
		};
	}

	/**
	 * Returns the colour of a NEWS2 risk band.
	 * @param risk the band; never {@code null}
	 * @return low green, low-medium yellow, medium orange, high red
	 */
	public static RiskColour colour(News2Risk risk) {
		return switch (Objects.requireNonNull(risk, "risk")) {
			case LOW -> RiskColour.GREEN;
			case LOW_MEDIUM -> RiskColour.YELLOW;
			case MEDIUM -> RiskColour.ORANGE;
			case HIGH -> RiskColour.RED;
		};
	}

	/**
	 * Returns the colour of a NEWS2 sub-score, as vital signs are coloured.
	 * @param subScore 0-3
	 * @return 0 green, 1 yellow, 2 orange, 3 red
	 * @throws IllegalArgumentException if the sub-score is not 0-3
	 */
	public static RiskColour subScoreColour(int subScore) {
		if (subScore < 0 || subScore > 3) {
			throw new IllegalArgumentException("sub-score must be 0-3, got " + subScore);
		}
		return SUB_SCORE_COLOURS.get(subScore);
	}

	/**
	 * Returns the table for a set of rules, one row per kind and priority: NEWS2 (if on),
	 * then every enabled limit (low side, then high; critical first), then the technical
	 * alarms. docs/clinical.md shows the table of {@link AlarmRules#defaults()}.
	 * @param rules the rules; never {@code null}
	 * @return the rows
	 */
	public static List<RiskRow> rows(AlarmRules rules) {
		return RiskRows.of(Objects.requireNonNull(rules, "rules"));
	}

	static String kind(Parameter parameter, Side side) {
		return (side == Side.LOW) ? AlarmKinds.low(parameter) : AlarmKinds.high(parameter);
	}

}
