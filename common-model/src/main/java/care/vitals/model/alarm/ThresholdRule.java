package care.vitals.model.alarm;

import java.time.Duration;
import java.util.Objects;

import care.vitals.model.parameter.Parameter;

/**
 * The clinical limit alarms of one parameter: up to two limits per side, their delay and
 * their hysteresis. Values are in the parameter's stored unit.
 * <p>
 * A value <em>violates</em> a low limit when it is strictly below it and a high limit
 * when it is strictly above it (the limit itself is acceptable). The outer limits
 * ({@code low}, {@code high}) raise a {@link AlarmPriority#MEDIUM} alarm, the critical
 * ones ({@code criticalLow}, {@code criticalHigh}) a {@link AlarmPriority#HIGH} alarm;
 * one side has at most one alarm at a time, kind {@code <parameter>_low} or
 * {@code <parameter>_high} (see {@link AlarmKinds}).
 * <ul>
 * <li><b>Delay.</b> A limit raises once values have violated it continuously for
 * {@code delay}: the first value that still violates at least {@code delay} after the
 * first violating value raises; any value that does not violate restarts the wait. Delays
 * run on the readings' own timestamps (data time), so a confirming value is needed: use
 * zero for intermittent measurements (NIBP, spot temperatures).</li>
 * <li><b>Escalation.</b> When the critical limit of a side with a medium alarm is
 * confirmed, the medium alarm is resolved and a high one raised. An alarm keeps its
 * priority until it clears, even if values return between the two limits.</li>
 * <li><b>Hysteresis.</b> An alarm clears only when values are back inside the outer limit
 * by {@code hysteresis} ({@code >= limit + hysteresis} for low, {@code <= limit -
 * hysteresis} for high) continuously for {@code clearDelay}.</li>
 * </ul>
 *
 * @param parameter the parameter; never {@code null}
 * @param criticalLow high-priority low limit, or {@code null} for none
 * @param low medium-priority low limit, or {@code null} for none
 * @param high medium-priority high limit, or {@code null} for none
 * @param criticalHigh high-priority high limit, or {@code null} for none
 * @param delay how long a limit must be violated before it raises; zero or positive;
 * never {@code null}
 * @param hysteresis how far inside the outer limit values must come back to clear, in the
 * stored unit; zero or positive
 * @param clearDelay how long values must stay in the clear band; zero or positive; never
 * {@code null}
 * @param enabled {@code false} to switch this parameter's alarms off
 */
public record ThresholdRule(Parameter parameter, Double criticalLow, Double low, Double high, Double criticalHigh,
		Duration delay, double hysteresis, Duration clearDelay, boolean enabled) {

	/**
	 * Validates the rule: at least one limit, critical limits outside the outer ones on
	 * their side, every low limit below every high limit with room for both hysteresis
	 * bands, non-negative delays and hysteresis.
	 * @throws IllegalArgumentException if the rule is inconsistent
	 */
	public ThresholdRule {
		Objects.requireNonNull(parameter, "parameter");
		requireFinite(criticalLow, "criticalLow");
		requireFinite(low, "low");
		requireFinite(high, "high");
		requireFinite(criticalHigh, "criticalHigh");
		if (criticalLow == null && low == null && high == null && criticalHigh == null) {
			throw new IllegalArgumentException("a threshold rule needs at least one limit");
		}
		if (criticalLow != null && low != null && criticalLow > low) {
			throw new IllegalArgumentException(
					"critical low limit " + criticalLow + " must not be above the low limit " + low);
		}
		if (criticalHigh != null && high != null && criticalHigh < high) {
			throw new IllegalArgumentException(
					"critical high limit " + criticalHigh + " must not be below the high limit " + high);
		}
		if (!(hysteresis >= 0) || !Double.isFinite(hysteresis)) {
			throw new IllegalArgumentException("hysteresis must be zero or positive");
		}
		Double lowOuter = (low != null) ? low : criticalLow;
		Double highOuter = (high != null) ? high : criticalHigh;
		if (lowOuter != null && highOuter != null && lowOuter + hysteresis > highOuter - hysteresis) {
			throw new IllegalArgumentException("low limit " + lowOuter + " must be below the high limit " + highOuter
					+ " by at least twice the hysteresis " + hysteresis);
		}
		requireNotNegative(delay, "delay");
		requireNotNegative(clearDelay, "clearDelay");
	}

	/**
	 * Returns a copy with other limits; {@code null} removes a limit.
	 * @param criticalLow the high-priority low limit
	 * @param low the medium-priority low limit
	 * @param high the medium-priority high limit
	 * @param criticalHigh the high-priority high limit
	 * @return the new rule
	 * @throws IllegalArgumentException if the limits are inconsistent
	 */
	public ThresholdRule withLimits(Double criticalLow, Double low, Double high, Double criticalHigh) {
		return new ThresholdRule(this.parameter, criticalLow, low, high, criticalHigh, this.delay, this.hysteresis,
				this.clearDelay, this.enabled);
	}

	/**
	 * Returns a copy with another medium-priority low limit.
	 * @param low the limit, or {@code null} for none
	 * @return the new rule
	 * @throws IllegalArgumentException if the limits become inconsistent
	 */
	public ThresholdRule withLow(Double low) {
		return withLimits(this.criticalLow, low, this.high, this.criticalHigh);
	}

	/**
	 * Returns a copy with another medium-priority high limit.
	 * @param high the limit, or {@code null} for none
	 * @return the new rule
	 * @throws IllegalArgumentException if the limits become inconsistent
	 */
	public ThresholdRule withHigh(Double high) {
		return withLimits(this.criticalLow, this.low, high, this.criticalHigh);
	}

	/**
	 * Returns a copy with another delay.
	 * @param delay the delay, zero or positive
	 * @return the new rule
	 */
	public ThresholdRule withDelay(Duration delay) {
		return new ThresholdRule(this.parameter, this.criticalLow, this.low, this.high, this.criticalHigh, delay,
				this.hysteresis, this.clearDelay, this.enabled);
	}

	/**
	 * Returns a copy with another hysteresis and clear delay.
	 * @param hysteresis the hysteresis, zero or positive
	 * @param clearDelay the clear delay, zero or positive
	 * @return the new rule
	 */
	public ThresholdRule withHysteresis(double hysteresis, Duration clearDelay) {
		return new ThresholdRule(this.parameter, this.criticalLow, this.low, this.high, this.criticalHigh, this.delay,
				hysteresis, clearDelay, this.enabled);
	}

	/**
	 * Returns a copy switched on or off.
	 * @param enabled whether the alarms are on
	 * @return the new rule
	 */
	public ThresholdRule withEnabled(boolean enabled) {
		return new ThresholdRule(this.parameter, this.criticalLow, this.low, this.high, this.criticalHigh, this.delay,
				this.hysteresis, this.clearDelay, enabled);
	}

	private static void requireFinite(Double limit, String name) {
		if (limit != null && !Double.isFinite(limit)) {
			throw new IllegalArgumentException(name + " must be finite");
		}
	}

	private static void requireNotNegative(Duration duration, String name) {
		if (Objects.requireNonNull(duration, name).isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
	}

}
