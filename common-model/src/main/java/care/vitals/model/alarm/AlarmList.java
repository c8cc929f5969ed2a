package care.vitals.model.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import care.vitals.model.id.Identifiers;

/**
 * The current alarms of one bed, published retained on {@code alarms/{ward}/{bed}} for
 * bedside and nurse-call displays. An empty list means "no active alarm" (published, not
 * cleared, so displays see the all-clear).
 *
 * @param ward the ward, a valid identifier; never {@code null}
 * @param bed the bed, a valid identifier; never {@code null}
 * @param updated when the list was produced; never {@code null}
 * @param alarms the active (raised or acknowledged) alarms of the bed, highest priority
 * first, all in this ward and bed; unmodifiable copy; never {@code null}
 */
public record AlarmList(String ward, String bed, Instant updated, List<Alarm> alarms) {

	/**
	 * Validates the list.
	 * @throws IllegalArgumentException if an alarm is resolved or belongs to another bed
	 */
	public AlarmList {
		Identifiers.requireValid(ward, "ward");
		Identifiers.requireValid(bed, "bed");
		Objects.requireNonNull(updated, "updated");
		alarms = List.copyOf(Objects.requireNonNull(alarms, "alarms"));
		for (Alarm alarm : alarms) {
			if (!alarm.ward().equals(ward) || !alarm.bed().equals(bed)) {
				throw new IllegalArgumentException("alarm " + alarm.alarmId() + " belongs to another bed");
			}
			if (alarm.state() == AlarmState.RESOLVED) {
				throw new IllegalArgumentException("alarm " + alarm.alarmId() + " is resolved");
			}
		}
	}

}
