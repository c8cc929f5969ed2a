package care.vitals.model.alarm;

import java.time.Instant;
import java.util.Objects;

import care.vitals.model.device.DeviceEvent;
import care.vitals.model.id.Identifiers;

/**
 * One alarm in its current state, as stored in InfluxDB and published retained on
 * {@code alarms/{ward}/{bed}}.
 *
 * @param alarmId stable id of the alarm across its lifecycle, a valid identifier; never
 * {@code null}
 * @param patient the pseudonymised patient id (or {@code unassigned}), a valid
 * identifier; never {@code null}
 * @param ward the ward, a valid identifier; never {@code null}
 * @param bed the bed, a valid identifier; never {@code null}
 * @param device the device that caused it, a valid identifier, or {@code null} for alarms
 * derived from several devices (e.g. a NEWS2 score)
 * @param priority the priority; never {@code null}
 * @param kind what raised it, {@code [a-z0-9_]{1,32}}, e.g. {@code spo2_low},
 * {@code news2_high}, {@code probe_off}; never {@code null}
 * @param state the lifecycle state; never {@code null}
 * @param message human-readable text for displays; never {@code null}, may be empty
 * @param value the value that triggered it: a parameter value in its stored unit, the
 * NEWS2 total, the battery percent or the number of missed readings; {@code null} if none
 * (e.g. probe off, offline, no data)
 * @param ts when the alarm entered its current state (raised, acknowledged, raised again
 * on worsening, resolved); never {@code null}
 * @param since when the episode began (the alarm was first raised): kept through
 * acknowledgement, re-alert, escalation and updates in place; never {@code null}, not
 * after {@code ts}
 * @param escalation how far an unacknowledged alarm has been escalated
 * ({@link Escalation}): 0 not escalated, 1 the nurse in charge, 2 the response team; back
 * to 0 when acknowledged
 */
public record Alarm(String alarmId, String patient, String ward, String bed, String device, AlarmPriority priority,
		String kind, AlarmState state, String message, Double value, Instant ts, Instant since, int escalation) {

	/**
	 * Validates the alarm.
	 * @throws IllegalArgumentException if a component is invalid
	 */
	public Alarm {
		Identifiers.requireValid(alarmId, "alarm id");
		Identifiers.requireValid(patient, "patient");
		Identifiers.requireValid(ward, "ward");
		Identifiers.requireValid(bed, "bed");
		if (device != null) {
			Identifiers.requireValid(device, "device id");
		}
		Objects.requireNonNull(priority, "priority");
		if (!DeviceEvent.isValidKind(kind)) {
			throw new IllegalArgumentException("kind must match [a-z0-9_]{1,32}");
		}
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(message, "message");
		if (value != null && !Double.isFinite(value)) {
			throw new IllegalArgumentException("value must be finite");
		}
		Objects.requireNonNull(ts, "ts");
		Objects.requireNonNull(since, "since");
		if (since.isAfter(ts)) {
			throw new IllegalArgumentException("since must not be after ts");
		}
		if (escalation < 0 || escalation > Escalation.MAX_LEVEL) {
			throw new IllegalArgumentException("escalation must be 0-" + Escalation.MAX_LEVEL);
		}
	}

	/**
	 * Creates an alarm at the start of its episode ({@code since} is {@code ts}), not
	 * escalated.
	 */
	public Alarm(String alarmId, String patient, String ward, String bed, String device, AlarmPriority priority,
			String kind, AlarmState state, String message, Double value, Instant ts) {
		this(alarmId, patient, ward, bed, device, priority, kind, state, message, value, ts, ts, 0);
	}

	/**
	 * Returns this alarm in a new state.
	 * @param next the new state, allowed by {@link AlarmState#canMoveTo(AlarmState)}
	 * @param at when the transition happened
	 * @return the alarm in the new state, in the same episode ({@code since} kept), not
	 * escalated (an acknowledgement answers the escalation; a re-alert starts it again)
	 * @throws IllegalStateException if the lifecycle does not allow the transition
	 */
	public Alarm moveTo(AlarmState next, Instant at) {
		if (!this.state.canMoveTo(next)) {
			throw new IllegalStateException(
					"alarm " + this.alarmId + " cannot move from " + this.state + " to " + next);
		}
		return new Alarm(this.alarmId, this.patient, this.ward, this.bed, this.device, this.priority, this.kind, next,
				this.message, this.value, at, this.since, 0);
	}

	/**
	 * Returns this alarm changed in place, in the same state and episode: new kind,
	 * priority, text and value.
	 */
	public Alarm changed(String kind, AlarmPriority priority, String message, Double value) {
		return new Alarm(this.alarmId, this.patient, this.ward, this.bed, this.device, priority, kind, this.state,
				message, value, this.ts, this.since, this.escalation);
	}

	/** Returns this alarm with another text, otherwise unchanged. */
	public Alarm withMessage(String message) {
		return changed(this.kind, this.priority, message, this.value);
	}

	/** Returns this alarm labelled with another ward and bed. */
	public Alarm at(String ward, String bed) {
		return new Alarm(this.alarmId, this.patient, ward, bed, this.device, this.priority, this.kind, this.state,
				this.message, this.value, this.ts, this.since, this.escalation);
	}

	/** Returns this alarm escalated to a level, otherwise unchanged. */
	public Alarm escalatedTo(int level) {
		return new Alarm(this.alarmId, this.patient, this.ward, this.bed, this.device, this.priority, this.kind,
				this.state, this.message, this.value, this.ts, this.since, level);
	}

}
