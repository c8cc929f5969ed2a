package care.vitals.model.alarm;

import java.util.Objects;

/**
 * The limit alarm a sustained value raises under a {@link ThresholdRule}: its kind (the
 * side) and the priority of the worst limit the value is beyond.
 *
 * @param kind {@code <parameter>_low} or {@code <parameter>_high}; never {@code null}
 * @param priority {@link AlarmPriority#HIGH} beyond a critical limit, else
 * {@link AlarmPriority#MEDIUM}; never {@code null}
 */
public record LimitBreach(String kind, AlarmPriority priority) {

	/**
	 * Validates the breach.
	 */
	public LimitBreach {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(priority, "priority");
	}

}
