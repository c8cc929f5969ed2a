package care.vitals.model.news2;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How old the last value of each NEWS2 parameter may be and still count. A value is fresh
 * at an instant when its age is at most the window (both ends inclusive: a value exactly
 * one window old is fresh, one millisecond older is stale). Values time-stamped after the
 * instant (small clock skew) are fresh.
 * <p>
 * {@link #defaults()}:
 * <ul>
 * <li>respiration rate, SpO2, pulse: 5 minutes (continuous monitoring, 1 Hz);</li>
 * <li>systolic BP: 60 minutes (automatic NIBP cycles every 15-60 minutes);</li>
 * <li>temperature: 60 minutes (continuous patches, or hourly observations);</li>
 * <li>air or oxygen, consciousness: 4 hours (entered by nurses at each observation round,
 * 4-6-hourly at the lowest escalated frequency; a monitor that sends the oxygen flag with
 * every reading keeps it fresh continuously).</li>
 * </ul>
 *
 * @param windows the window per parameter, every parameter present, each positive;
 * copied, unmodifiable; never {@code null}
 */
public record FreshnessWindows(Map<News2Parameter, Duration> windows) {

	private static final Duration CONTINUOUS = Duration.ofMinutes(5);

	private static final Duration HOURLY = Duration.ofMinutes(60);

	private static final Duration ROUND = Duration.ofHours(4);

	/**
	 * Validates that every parameter has a positive window.
	 * @throws IllegalArgumentException if one is absent, zero or negative
	 */
	public FreshnessWindows {
		Objects.requireNonNull(windows, "windows");
		Map<News2Parameter, Duration> copy = new EnumMap<>(News2Parameter.class);
		for (News2Parameter parameter : News2Parameter.values()) {
			Duration window = windows.get(parameter);
			if (window == null || window.isZero() || window.isNegative()) {
				throw new IllegalArgumentException("freshness window of " + parameter + " must be positive");
			}
			copy.put(parameter, window);
		}
		windows = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns the documented defaults.
	 * @return the default windows
	 */
	public static FreshnessWindows defaults() {
		Map<News2Parameter, Duration> windows = new EnumMap<>(News2Parameter.class);
		windows.put(News2Parameter.RESP_RATE, CONTINUOUS);
		windows.put(News2Parameter.SPO2, CONTINUOUS);
		windows.put(News2Parameter.HEART_RATE, CONTINUOUS);
		windows.put(News2Parameter.SYSTOLIC_BP, HOURLY);
		windows.put(News2Parameter.TEMPERATURE, HOURLY);
		windows.put(News2Parameter.AIR_OR_OXYGEN, ROUND);
		windows.put(News2Parameter.CONSCIOUSNESS, ROUND);
		return new FreshnessWindows(windows);
	}

	/** Extra time a round may take beyond the prescribed observation interval. */
	public static final Duration ROUND_GRACE = Duration.ofMinutes(15);

	/** How long a staff observation counts for a patient on continuous monitoring. */
	public static final Duration EMERGENCY_ROUND = Duration.ofMinutes(30);

	/**
	 * Returns these windows with the parameters nurses observe on their rounds
	 * (consciousness, air or oxygen) following the observation frequency the patient's
	 * NEWS2 prescribes: fresh for the prescribed interval plus {@link #ROUND_GRACE}
	 * (hourly: 75 min), {@link #EMERGENCY_ROUND} for a patient on continuous monitoring,
	 * never longer than these windows. So a 4-hour-old "alert" no longer counts for a
	 * patient on hourly observations.
	 * @param interval the prescribed interval
	 * ({@link ClinicalResponse#observationInterval()}, {@link Duration#ZERO} for
	 * continuous monitoring), or {@code null} to keep these windows
	 * @return the windows
	 */
	public FreshnessWindows forObservationInterval(Duration interval) {
		if (interval == null) {
			return this;
		}
		Duration round = interval.isZero() ? EMERGENCY_ROUND : interval.plus(ROUND_GRACE);
		FreshnessWindows result = this;
		for (News2Parameter parameter : List.of(News2Parameter.CONSCIOUSNESS, News2Parameter.AIR_OR_OXYGEN)) {
			if (round.compareTo(window(parameter)) < 0) {
				result = result.with(parameter, round);
			}
		}
		return result;
	}

	/**
	 * Returns a copy with one window changed.
	 * @param parameter the parameter
	 * @param window its new window, positive
	 * @return the new windows
	 */
	public FreshnessWindows with(News2Parameter parameter, Duration window) {
		Map<News2Parameter, Duration> copy = new EnumMap<>(this.windows);
		copy.put(Objects.requireNonNull(parameter, "parameter"), window);
		return new FreshnessWindows(copy);
	}

	/**
	 * Returns the window of one parameter.
	 * @param parameter the parameter
	 * @return the window, positive
	 */
	public Duration window(News2Parameter parameter) {
		return this.windows.get(parameter);
	}

	/**
	 * Tells whether a value observed at one instant is fresh at another.
	 * @param parameter the parameter
	 * @param observedAt when the value was measured
	 * @param at the instant of the score
	 * @return {@code true} if {@code at - observedAt <= window}
	 */
	public boolean isFresh(News2Parameter parameter, Instant observedAt, Instant at) {
		// at - observedAt <= window, in seconds and nanoseconds: no Instant made for
		// every parameter of every source of every reading
		Duration window = window(parameter);
		long seconds = at.getEpochSecond() - observedAt.getEpochSecond();
		int nanos = at.getNano() - observedAt.getNano();
		if (nanos < 0) {
			seconds--;
			nanos += 1_000_000_000;
		}
		return seconds < window.getSeconds() || (seconds == window.getSeconds() && nanos <= window.getNano());
	}

}
