package care.vitals.burden;

import java.time.Instant;

import care.vitals.model.alarm.AlarmPriority;

/**
 * One alarm signal the engine gave: a new alarm, the re-alert of an acknowledged one, or
 * the escalation of an active one to a higher priority in place.
 *
 * @param alarmId the alarm's id
 * @param bed the bed number
 * @param kind the alarm kind
 * @param priority its priority after the transition
 * @param device the device that caused it, or {@code null} (NEWS2)
 * @param at when
 * @param step what happened
 */
record AlarmRecord(String alarmId, int bed, String kind, AlarmPriority priority, String device, Instant at, Step step) {

	/** What the transition was. */
	enum Step {

		/** A new alarm (a RAISED transition from nothing). */
		RAISED,

		/** An acknowledged alarm raised again because its condition worsened. */
		REALERT,

		/** An active alarm moved to a higher priority in place (same id). */
		ESCALATION

	}

	/** Whether the kind is a clinical one (NEWS2 or a vital-sign limit). */
	boolean clinical() {
		return Kinds.clinical(this.kind);
	}

}
