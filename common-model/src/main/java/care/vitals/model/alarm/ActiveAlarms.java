package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import care.vitals.model.alarm.PatientState.ActiveAlarm;

/**
 * The alarm lifecycle shared by every family: an alarm is raised under a condition key of
 * its patient, then optionally acknowledged, then resolved; alarm ids are stable per
 * episode and unique. A transition never goes back in time: one requested before the
 * alarm's current state is stamped with that state's time.
 * <p>
 * Keeps the index from active alarm id to patient. Not synchronized: the
 * {@link AlarmEngine} calls it under its own lock.
 */
final class ActiveAlarms {

	private static final Comparator<ActiveAlarm> DISPLAY_ORDER = Comparator
		.comparing((ActiveAlarm active) -> active.alarm.priority())
		.thenComparing((active) -> active.raisedAt)
		.thenComparing((active) -> active.alarm.alarmId());

	private final Map<String, String> patientByAlarmId = new HashMap<>();

	/**
	 * Raises an alarm for a condition of a patient whose context is known.
	 * @return the transition
	 */
	AlarmTransition raise(PatientState state, String key, AlarmPriority priority, String kind, String device,
			String message, Double value, Instant at) {
		String id = newId(state, key, kind, at);
		PatientContext context = state.context;
		Alarm alarm = new Alarm(id, context.patient(), context.ward(), context.bed(), device, priority, kind,
				AlarmState.RAISED, message, value, at);
		state.active.put(key, new ActiveAlarm(key, alarm));
		state.lastIds.put(key, id);
		this.patientByAlarmId.put(id, state.patient);
		return new AlarmTransition(alarm, null, null);
	}

	/**
	 * The suffix of the key under which a latched alarm waits for its acknowledgement.
	 */
	static final String LATCHED = "#latched";

	/**
	 * The condition of an alarm ended: resolves it, adding its transition to {@code out};
	 * or, if it latches ({@link RiskTable#latches}) and nobody acknowledged it, keeps it
	 * on the list under a key of its own, its text saying the condition ended, until it
	 * is acknowledged (which then resolves it). A new episode of the condition gets a new
	 * alarm.
	 */
	void resolve(PatientState state, String key, Instant at, List<AlarmTransition> out) {
		ActiveAlarm active = state.active.remove(key);
		if (active == null) {
			return;
		}
		Alarm alarm = active.alarm;
		if (alarm.state() == AlarmState.RAISED && RiskTable.latches(alarm) && !key.endsWith(LATCHED)) {
			Alarm latched = alarm
				.withMessage(alarm.message() + " (condition ended " + at + "; latched until acknowledged)");
			ActiveAlarm kept = new ActiveAlarm(key + LATCHED, latched);
			state.active.remove(key + LATCHED);
			state.active.put(key + LATCHED, kept);
			out.add(new AlarmTransition(latched, AlarmState.RAISED, null));
			return;
		}
		this.patientByAlarmId.remove(alarm.alarmId());
		out.add(move(active, AlarmState.RESOLVED, at, null));
	}

	/** Resolves the alarm of a condition whatever latching says (discharge, unassign). */
	void end(PatientState state, String key, Instant at, List<AlarmTransition> out) {
		ActiveAlarm active = state.active.remove(key);
		if (active != null) {
			this.patientByAlarmId.remove(active.alarm.alarmId());
			out.add(move(active, AlarmState.RESOLVED, at, null));
		}
	}

	/**
	 * Resolves every active alarm of a patient whose condition key starts with a prefix
	 * (the empty prefix resolves them all).
	 */
	void resolveAll(PatientState state, String keyPrefix, Instant at, List<AlarmTransition> out) {
		for (String key : List.copyOf(state.active.keySet())) {
			if (key.startsWith(keyPrefix)) {
				end(state, key, at, out);
			}
		}
	}

	/** Whether a condition of a patient has an active alarm. */
	boolean isActive(PatientState state, String key) {
		return state.active.containsKey(key);
	}

	/** The priority of a condition's active alarm, or {@code null} if none. */
	AlarmPriority priority(PatientState state, String key) {
		ActiveAlarm active = state.active.get(key);
		return (active != null) ? active.alarm.priority() : null;
	}

	/** Whether an active alarm has this id. */
	boolean hasId(String alarmId) {
		return this.patientByAlarmId.containsKey(alarmId);
	}

	/** The patient of an active alarm id, or {@code null} if no alarm has it. */
	String patientOf(String alarmId) {
		return this.patientByAlarmId.get(alarmId);
	}

	/**
	 * Acknowledges an active alarm of a patient ({@code null} if unknown).
	 */
	AckOutcome acknowledge(PatientState state, String alarmId, String user, Instant at) {
		if (state != null) {
			for (ActiveAlarm active : state.active.values()) {
				if (active.alarm.alarmId().equals(alarmId)) {
					if (active.alarm.state() == AlarmState.ACKNOWLEDGED) {
						return new AckOutcome.AlreadyAcknowledged(active.alarm);
					}
					AlarmTransition acknowledged = move(active, AlarmState.ACKNOWLEDGED, at, user);
					if (active.key.endsWith(LATCHED)) {
						// its condition had ended: acknowledging releases the latch
						List<AlarmTransition> resolved = new ArrayList<>();
						end(state, active.key, at, resolved);
						return new AckOutcome.Acknowledged(acknowledged, resolved.get(0));
					}
					return new AckOutcome.Acknowledged(acknowledged);
				}
			}
		}
		return new AckOutcome.NotActive(alarmId);
	}

	/** A patient's active alarms: high priority first, then oldest first. */
	List<Alarm> displayed(PatientState state) {
		return state.active.values().stream().sorted(DISPLAY_ORDER).map((active) -> active.alarm).toList();
	}

	/** Labels a patient's active alarms with a new context (ward and bed). */
	void relabel(PatientState state, PatientContext context) {
		for (ActiveAlarm active : state.active.values()) {
			active.alarm = active.alarm.at(context.ward(), context.bed());
		}
	}

	/**
	 * Holds a restored alarm, as published, under a condition key of its patient.
	 */
	void restore(PatientState state, String key, Alarm alarm) {
		state.active.put(key, new ActiveAlarm(key, alarm));
		state.lastIds.put(key, alarm.alarmId());
		this.patientByAlarmId.put(alarm.alarmId(), state.patient);
	}

	/**
	 * Changes the active alarm of a condition in place, keeping its id (one alarm per
	 * episode): new kind, priority, text and value; raised again if it was acknowledged
	 * and {@code realert} (the condition worsened), otherwise in its state.
	 * @return the transition (an update or a re-alert), or {@code null} if no alarm is
	 * active or nothing changed
	 */
	AlarmTransition update(PatientState state, String key, String kind, AlarmPriority priority, String message,
			Double value, Instant at, boolean realert) {
		ActiveAlarm active = state.active.get(key);
		if (active == null) {
			return null;
		}
		Alarm before = active.alarm;
		AlarmState next = (realert && before.state() == AlarmState.ACKNOWLEDGED) ? AlarmState.RAISED : before.state();
		if (next == before.state() && before.kind().equals(kind) && before.priority() == priority
				&& before.message().equals(message) && Objects.equals(before.value(), value)) {
			return null;
		}
		Instant when = at.isBefore(before.ts()) ? before.ts() : at;
		Alarm changed = before.changed(kind, priority, message, value);
		active.alarm = (next != before.state()) ? changed.moveTo(next, when) : changed;
		return new AlarmTransition(active.alarm, before.state(), null);
	}

	/**
	 * Gives the active alarm of the same kind and device the identity of a published one
	 * (id, state, time), keeping its own priority, text and value.
	 * @return whether one has it now
	 */
	boolean adopt(PatientState state, Alarm published) {
		for (ActiveAlarm active : state.active.values()) {
			Alarm own = active.alarm;
			if (own.kind().equals(published.kind()) && Objects.equals(own.device(), published.device())) {
				if (!own.alarmId().equals(published.alarmId())) {
					this.patientByAlarmId.remove(own.alarmId());
					this.patientByAlarmId.put(published.alarmId(), state.patient);
					state.lastIds.put(active.key, published.alarmId());
				}
				active.alarm = new Alarm(published.alarmId(), own.patient(), own.ward(), own.bed(), own.device(),
						own.priority(), own.kind(), published.state(), own.message(), own.value(), published.ts(),
						published.since(), published.escalation());
				return true;
			}
		}
		return false;
	}

	/**
	 * Escalates every raised alarm of a patient that has been unacknowledged long enough
	 * for its next level ({@link Escalation}), adding the transitions to {@code out}. Not
	 * escalated: kinds the {@link RiskTable#escalates risk table} does not escalate
	 * (indications) and a latched alarm whose condition has ended (it waits for an
	 * acknowledgement at the level it reached while the condition lasted).
	 */
	void escalate(PatientState state, Escalation escalation, Instant now, List<AlarmTransition> out) {
		for (ActiveAlarm active : state.active.values()) {
			Alarm alarm = active.alarm;
			if (alarm.state() != AlarmState.RAISED || now.isBefore(alarm.ts()) || active.key.endsWith(LATCHED)
					|| !RiskTable.escalates(alarm)) {
				continue;
			}
			int level = escalation.level(alarm.priority(), Duration.between(alarm.ts(), now));
			if (level > alarm.escalation()) {
				active.alarm = alarm.escalatedTo(level);
				out.add(new AlarmTransition(active.alarm, AlarmState.RAISED, null, true));
			}
		}
	}

	private static AlarmTransition move(ActiveAlarm active, AlarmState next, Instant at, String actor) {
		Alarm before = active.alarm;
		Instant when = at.isBefore(before.ts()) ? before.ts() : at;
		active.alarm = before.moveTo(next, when);
		return new AlarmTransition(active.alarm, before.state(), actor);
	}

	/**
	 * Builds {@code kind.time.hash}: the kind, the raise time in base-36 epoch
	 * milliseconds and a base-36 hash of patient and condition, unique among active ids
	 * and different from the condition's previous episode.
	 */
	private String newId(PatientState state, String key, String kind, Instant at) {
		String base = kind + "." + Long.toString(at.toEpochMilli(), 36) + "."
				+ Integer.toUnsignedString((state.patient + "|" + key).hashCode(), 36);
		String id = base;
		for (int n = 1; this.patientByAlarmId.containsKey(id) || id.equals(state.lastIds.get(key)); n++) {
			id = base + "." + n;
		}
		return id;
	}

}
