package care.vitals.model.alarm;

import java.util.Objects;

import care.vitals.model.id.Identifiers;

/**
 * One step of an alarm's lifecycle, as the engine emits it: to be written to the InfluxDB
 * {@code alarms} measurement and followed by a republish of the bed's retained alarm
 * list. Every transition of every alarm is emitted exactly once.
 *
 * @param alarm the alarm in its new state, {@link Alarm#ts()} being the time of the
 * transition; never {@code null}
 * @param from the previous state, or {@code null} when the alarm was raised
 * @param actor who made the transition: the user for an acknowledgement, a valid
 * identifier; {@code null} for transitions the engine made
 */
public record AlarmTransition(Alarm alarm, AlarmState from, String actor) {

	/**
	 * Validates that the transition is one the lifecycle allows.
	 * @throws IllegalArgumentException if it is not
	 */
	public AlarmTransition {
		Objects.requireNonNull(alarm, "alarm");
		if (from == null) {
			if (alarm.state() != AlarmState.RAISED) {
				throw new IllegalArgumentException("an alarm starts raised");
			}
		}
		else if (!from.canMoveTo(alarm.state())) {
			throw new IllegalArgumentException("no transition from " + from + " to " + alarm.state());
		}
		if (alarm.state() == AlarmState.ACKNOWLEDGED) {
			Identifiers.requireValid(actor, "actor");
		}
		else if (actor != null) {
			throw new IllegalArgumentException("only acknowledgements have an actor");
		}
	}

	/**
	 * Tells whether this transition raised the alarm.
	 * @return {@code true} for a new alarm
	 */
	public boolean raised() {
		return this.from == null;
	}

}
