package care.vitals.model.alarm;

import java.util.Objects;

import care.vitals.model.id.Identifiers;

/**
 * One step of an alarm's lifecycle (raise, acknowledgement, re-alert, resolution, or an
 * update in place that keeps the state), as the engine emits it: to be written to the
 * InfluxDB {@code alarms} measurement and followed by a republish of the bed's retained
 * alarm list. Every transition of every alarm is emitted exactly once.
 *
 * @param alarm the alarm in its new state, {@link Alarm#ts()} being the time of the
 * transition; never {@code null}
 * @param from the previous state, or {@code null} when the alarm was raised
 * @param actor who made the transition: the user for an acknowledgement, a valid
 * identifier; {@code null} for transitions the engine made
 * @param escalated {@code true} when this update escalated an unacknowledged alarm to the
 * next contact point ({@link Alarm#escalation()} is the level reached)
 */
public record AlarmTransition(Alarm alarm, AlarmState from, String actor, boolean escalated) {

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
		else if (!from.canMoveTo(alarm.state()) && !(from == alarm.state() && from != AlarmState.RESOLVED)) {
			throw new IllegalArgumentException("no transition from " + from + " to " + alarm.state());
		}
		if (from == AlarmState.RAISED && alarm.state() == AlarmState.ACKNOWLEDGED) {
			Identifiers.requireValid(actor, "actor");
		}
		else if (actor != null) {
			throw new IllegalArgumentException("only acknowledgements have an actor");
		}
		if (escalated && (from != AlarmState.RAISED || alarm.state() != AlarmState.RAISED || alarm.escalation() == 0)) {
			throw new IllegalArgumentException("only a raised alarm escalates");
		}
	}

	/** A transition that is not an escalation. */
	public AlarmTransition(Alarm alarm, AlarmState from, String actor) {
		this(alarm, from, actor, false);
	}

	/**
	 * Tells whether this transition changed an active alarm in place (priority, kind,
	 * text or value: an escalation or de-escalation within one episode) without changing
	 * its state.
	 * @return {@code true} for an update
	 */
	public boolean updated() {
		return this.from != null && this.from == this.alarm.state();
	}

	/**
	 * Tells whether this transition raised an acknowledged alarm again because its
	 * condition worsened.
	 * @return {@code true} for a re-alert
	 */
	public boolean realerted() {
		return this.from == AlarmState.ACKNOWLEDGED && this.alarm.state() == AlarmState.RAISED;
	}

	/**
	 * Tells whether this transition raised the alarm.
	 * @return {@code true} for a new alarm
	 */
	public boolean raised() {
		return this.from == null;
	}

}
