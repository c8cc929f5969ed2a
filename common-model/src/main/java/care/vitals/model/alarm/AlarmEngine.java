package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.id.Identifiers;
import care.vitals.model.news2.News2Score;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;

/**
 * The alarm engine: turns readings, device events, device status and NEWS2 scores into
 * alarm transitions, per patient, by the {@link AlarmRules} and the {@link RiskTable}.
 * <p>
 * Pure and event-driven: no clock, no I/O. Every input carries its own time (readings and
 * events their timestamps, status and ticks the caller's receive time) and every method
 * returns the transitions it caused, in order, each to be logged and published. State is
 * kept per patient (readings follow the patient, not the device); the
 * {@link PatientContext} of the latest input labels the alarms, so after a transfer an
 * alarm's later transitions and the active list carry the new ward and bed.
 * <p>
 * <b>Where each responsibility lives.</b> This class is the facade: it validates
 * arguments, finds the patient's state ({@code Patients}) and delegates to one
 * package-private collaborator per alarm family, where each family's rules are
 * documented:
 * <ul>
 * <li>clinical limit alarms ({@link ThresholdRule}: delay, escalation, hysteresis, on
 * data time; backfill never moves an alarm), per-patient {@link #override overrides} and
 * the sources-agreement check: {@code LimitAlarms};</li>
 * <li>the {@value AlarmKinds#LIMIT_CHANGED} indications: {@code LimitIndications};</li>
 * <li>sensor faults and artefact suppression ({@link #artefactFree}):
 * {@code SensorFaults};</li>
 * <li>NEWS2 alarms, one per episode ({@link #onScore}): {@code News2Alarms};</li>
 * <li>the other technical alarms (battery, offline, no data, sequence gaps, clock skew,
 * impossible values): {@code DeviceAlarms};</li>
 * <li>restoring alarms after a restart and adopting the owner's identities:
 * {@code AlarmRestore}.</li>
 * </ul>
 * All of them raise, acknowledge, escalate and resolve through the shared lifecycle core,
 * {@code ActiveAlarms}: raised, then optionally acknowledged ({@link #acknowledge}), then
 * resolved; alarm ids are stable per episode and unique; a transition never goes back in
 * time. Kind-specific lifecycle policies (priorities, latching, escalation) are the
 * {@link RiskTable}'s. None of the collaborators is synchronized: they run under this
 * engine's lock.
 * <p>
 * Thread-safe: every public method is synchronized and short.
 */
public final class AlarmEngine {

	private final ActiveAlarms alarms = new ActiveAlarms();

	private final Patients patients = new Patients(this.alarms);

	private final LimitAlarms limits;

	private final News2Alarms news2;

	private final DeviceAlarms devices;

	private final Escalation escalation;

	private final LimitIndications indications;

	private final AlarmRestore restore;

	/**
	 * Creates an engine with no patients and the default escalation.
	 * @param rules the default risk table; never {@code null}
	 */
	public AlarmEngine(AlarmRules rules) {
		this(rules, Escalation.defaults());
	}

	/**
	 * Creates an engine with no patients.
	 * @param rules the default risk table; never {@code null}
	 * @param escalation when unacknowledged alarms escalate; never {@code null}
	 */
	public AlarmEngine(AlarmRules rules, Escalation escalation) {
		Objects.requireNonNull(rules, "rules");
		this.escalation = Objects.requireNonNull(escalation, "escalation");
		this.limits = new LimitAlarms(rules, this.alarms);
		this.news2 = new News2Alarms(rules, this.alarms);
		this.devices = new DeviceAlarms(rules.technical(), this.alarms);
		this.indications = new LimitIndications(this.alarms);
		this.restore = new AlarmRestore(this.patients, this.alarms, this.limits, this.devices);
	}

	/**
	 * Returns the rules in force for a patient: the defaults with the patient's
	 * overrides.
	 * @param patient the patient id
	 * @return the effective rules
	 */
	public synchronized AlarmRules rules(String patient) {
		return this.limits.rules(this.patients.get(patient));
	}

	/**
	 * Replaces one parameter's limit rule for one patient (the rule validates its
	 * limits). Running delays restart; if the new rule is disabled or drops a side, that
	 * side's alarm is resolved. Overrides last until {@link #discharge}.
	 * @param patient the patient id, a valid identifier
	 * @param rule the new rule; never {@code null}
	 * @param at when the change was made
	 * @return the transitions caused (resolutions)
	 */
	public synchronized List<AlarmTransition> override(String patient, ThresholdRule rule, Instant at) {
		Identifiers.requireValid(patient, "patient");
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(at, "at");
		return this.limits.override(this.patients.getOrCreate(patient), rule, at);
	}

	/**
	 * Shows on the patient's bed list that a limit is less strict than the default
	 * ({@value AlarmKinds#LIMIT_CHANGED}, low, never latching), with the text given
	 * (what, who, when), or removes that indication ({@code text} {@code null}). Kept
	 * while the change is in force; nothing for a patient not in a bed here yet (call
	 * again once assigned).
	 * @param patient the patient id
	 * @param parameter the parameter
	 * @param text what changed, by whom and when; {@code null} when the limit is the
	 * default or stricter
	 * @param at when
	 * @return the transitions caused
	 */
	public synchronized List<AlarmTransition> indicate(String patient, Parameter parameter, String text, Instant at) {
		PatientState state = this.patients.get(patient);
		if (state == null || state.context == null) {
			return List.of();
		}
		return this.indications.indicate(state, parameter, text, at);
	}

	/**
	 * Returns one parameter of one patient to the default rule.
	 * @param patient the patient id
	 * @param parameter the parameter
	 * @param at when the change was made
	 * @return the transitions caused (resolutions)
	 */
	public synchronized List<AlarmTransition> clearOverride(String patient, Parameter parameter, Instant at) {
		Objects.requireNonNull(parameter, "parameter");
		Objects.requireNonNull(at, "at");
		return this.limits.clearOverride(this.patients.get(patient), parameter, at);
	}

	/**
	 * Starts watching a device assigned to a patient: from now on, silence longer than
	 * the no-data timeout raises {@value AlarmKinds#NO_DATA}. Only assigned devices are
	 * watched (readings alone do not watch their device), so spot-check devices that send
	 * a value now and then never raise it. Assigning a watched device again changes
	 * nothing.
	 * @param context the patient; never {@code null}
	 * @param deviceId the device, a valid identifier
	 * @param at when it was assigned
	 * @return the transitions caused (none)
	 */
	public synchronized List<AlarmTransition> assign(PatientContext context, String deviceId, Instant at) {
		Identifiers.requireValid(deviceId, "device id");
		Objects.requireNonNull(at, "at");
		state(context).device(deviceId).watch(at);
		return List.of();
	}

	/**
	 * Forgets a device of a patient (unassigned or moved to another patient), resolving
	 * its technical alarms. Clinical alarms stay with the patient.
	 * @param patient the patient id
	 * @param deviceId the device
	 * @param at when it was unassigned
	 * @return the resolutions
	 */
	public synchronized List<AlarmTransition> unassign(String patient, String deviceId, Instant at) {
		Objects.requireNonNull(at, "at");
		PatientState state = this.patients.get(patient);
		List<AlarmTransition> out = new ArrayList<>();
		if (state != null) {
			state.forget(deviceId);
			this.devices.unassign(state, deviceId, at, out);
		}
		return out;
	}

	/**
	 * Discharges a patient: resolves every active alarm and forgets the patient,
	 * overrides included.
	 * @param patient the patient id
	 * @param at when the patient was discharged
	 * @return the resolutions
	 */
	public synchronized List<AlarmTransition> discharge(String patient, Instant at) {
		Objects.requireNonNull(at, "at");
		PatientState state = this.patients.remove(patient);
		List<AlarmTransition> out = new ArrayList<>();
		if (state != null) {
			this.alarms.resolveAll(state, "", at, out);
		}
		return out;
	}

	/**
	 * Processes a reading of a device assigned to the patient.
	 * @param context the patient; never {@code null}
	 * @param reading the reading, in stored units; never {@code null}
	 * @return the transitions caused, technical ones first
	 */
	public synchronized List<AlarmTransition> onReading(PatientContext context, Reading reading) {
		Objects.requireNonNull(reading, "reading");
		return onReading(context, reading, reading.timestamp());
	}

	/**
	 * Processes a reading of a device assigned to the patient that arrived at
	 * {@code receivedAt}. Limit delays and hysteresis run on the reading's time (the
	 * caller corrects a device clock known to be off); no-data runs on the receive time,
	 * like {@link #tick}, so a device whose clock is behind never looks silent while it
	 * sends.
	 * @param context the patient; never {@code null}
	 * @param reading the reading, in stored units; never {@code null}
	 * @param receivedAt when it arrived, on the time base of {@link #tick}; never
	 * {@code null}
	 * @return the transitions caused, technical ones first
	 */
	public synchronized List<AlarmTransition> onReading(PatientContext context, Reading reading, Instant receivedAt) {
		Objects.requireNonNull(reading, "reading");
		Objects.requireNonNull(receivedAt, "receivedAt");
		PatientState state = state(context);
		DeviceState device = state.device(reading.deviceId());
		List<AlarmTransition> out = new ArrayList<>();
		this.devices.onReading(state, device, reading, receivedAt, out);
		this.limits.onReading(state, device, reading, out);
		return out;
	}

	/**
	 * Processes a technical device event: sensor faults and their ends, artefact marks,
	 * {@code battery_low}. Other kinds ({@code button}, {@code error}) cause nothing.
	 * @param context the patient; never {@code null}
	 * @param event the event; never {@code null}
	 * @return the transitions caused
	 */
	public synchronized List<AlarmTransition> onEvent(PatientContext context, DeviceEvent event) {
		Objects.requireNonNull(event, "event");
		PatientState state = state(context);
		return this.devices.onEvent(state, state.device(event.deviceId()), event);
	}

	/**
	 * Processes a device status, including the Last Will ({@code online=false}).
	 * @param context the patient; never {@code null}
	 * @param status the status; never {@code null}
	 * @param receivedAt when it arrived, the time of the transitions (a retained status
	 * may be old and the Last Will has no timestamp); never {@code null}
	 * @return the transitions caused
	 */
	public synchronized List<AlarmTransition> onStatus(PatientContext context, DeviceStatus status,
			Instant receivedAt) {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(receivedAt, "receivedAt");
		PatientState state = state(context);
		return this.devices.onStatus(state, state.device(status.deviceId()), status, receivedAt);
	}

	/**
	 * Processes a NEWS2 score of the patient. Scores older than the last one are ignored.
	 * @param context the patient; never {@code null}
	 * @param score the score; never {@code null}
	 * @return the transitions caused
	 */
	public synchronized List<AlarmTransition> onScore(PatientContext context, News2Score score) {
		Objects.requireNonNull(score, "score");
		return this.news2.onScore(state(context), score);
	}

	/**
	 * Restores an alarm that was active before a restart, from the bed's retained alarm
	 * list (CLINICAL.md, principle 4: an alarm leaves a bed's list only when its
	 * condition ends, never because a process restarted). The alarm keeps its id, state
	 * (acknowledgement included), time and text, and is held as if its source had
	 * confirmed it: a limit alarm until that source's values clear it (with the usual
	 * hysteresis and clear delay), a NEWS2 alarm until a complete score leaves its band,
	 * a device alarm until what ends it arrives (a reading for {@code no_data} and
	 * {@code device_offline}, a sensor's end or recovery for a fault, and so on). An
	 * alarm already active here, or of a kind the engine cannot hold, is not restored.
	 * Call it before the first input after a start.
	 * @param alarm the alarm as published; never {@code null}
	 * @return whether it was restored
	 */
	public synchronized boolean restore(Alarm alarm) {
		Objects.requireNonNull(alarm, "alarm");
		return this.restore.restore(alarm);
	}

	/**
	 * Takes over the identity of an alarm the owner of the clinical output published
	 * (docs/scaling.md): a standby that evaluates the same input holds the same condition
	 * under an id of its own, and adopts the owner's id, state (acknowledgement included)
	 * and time, so that it continues the same alarm if it takes over. The condition must
	 * be active here with the same kind and device; nothing is raised or resolved.
	 * @param published the alarm as the owner published it; never {@code null}
	 * @return whether an alarm here now has its identity
	 */
	public synchronized boolean adopt(Alarm published) {
		Objects.requireNonNull(published, "published");
		return this.restore.adopt(published);
	}

	/**
	 * Reports a value a device sent that is physiologically impossible (rejected by the
	 * decoder, kept as a dead letter): raises {@value AlarmKinds#IMPLAUSIBLE_VALUE}
	 * (medium, technical: that parameter is not being measured reliably) for the device
	 * and parameter, resolved by a valid value of that parameter from the device at least
	 * {@link TechnicalRules#sensorRecovery()} later. The device's other values are
	 * unaffected.
	 * @param context the patient; never {@code null}
	 * @param deviceId the device, a valid identifier
	 * @param parameter the parameter whose value was impossible
	 * @param detail the decoder's reason, for the message
	 * @param at the time of the rejected value
	 * @return the transitions caused
	 */
	public synchronized List<AlarmTransition> implausible(PatientContext context, String deviceId, Parameter parameter,
			String detail, Instant at) {
		Identifiers.requireValid(deviceId, "device id");
		Objects.requireNonNull(parameter, "parameter");
		Objects.requireNonNull(at, "at");
		PatientState state = state(context);
		return this.devices.implausible(state, state.device(deviceId), parameter, detail, at);
	}

	/**
	 * Reports a device's clock: {@value AlarmKinds#CLOCK_SKEW} (low, technical) is raised
	 * while the device's clock is known to be off by more than the tolerance, and
	 * resolved when it is not. The offset is measured by the caller (receive time against
	 * device time).
	 * @param context the patient; never {@code null}
	 * @param deviceId the device, a valid identifier
	 * @param offset how far the device clock is behind (positive) or ahead (negative), or
	 * {@code null} if it is within tolerance
	 * @param at when it was measured (receive time)
	 * @return the transitions caused
	 */
	public synchronized List<AlarmTransition> clockSkew(PatientContext context, String deviceId, Duration offset,
			Instant at) {
		Identifiers.requireValid(deviceId, "device id");
		Objects.requireNonNull(at, "at");
		PatientState state = state(context);
		return this.devices.clockSkew(state, state.device(deviceId), offset, at);
	}

	/**
	 * Advances time: raises {@value AlarmKinds#NO_DATA} for silent devices, lets NEWS2
	 * episodes de-escalate and escalates unacknowledged alarms ({@link Escalation}). Call
	 * it periodically (e.g. every second) with the same time base as the readings.
	 * @param now the current time; never {@code null}
	 * @return the transitions caused
	 */
	public synchronized List<AlarmTransition> tick(Instant now) {
		Objects.requireNonNull(now, "now");
		List<AlarmTransition> out = new ArrayList<>();
		for (PatientState state : this.patients.all()) {
			this.devices.noData(state, now, out);
			this.news2.tick(state, now, out);
			this.alarms.escalate(state, this.escalation, now, out);
		}
		return out;
	}

	/**
	 * Acknowledges an active alarm.
	 * @param alarmId the alarm id
	 * @param user who acknowledges, a valid identifier
	 * @param at when
	 * @return the transition, or why there is none
	 * @throws IllegalArgumentException if the user is not a valid identifier
	 */
	public synchronized AckOutcome acknowledge(String alarmId, String user, Instant at) {
		Objects.requireNonNull(alarmId, "alarmId");
		Identifiers.requireValid(user, "user");
		Objects.requireNonNull(at, "at");
		String patient = this.alarms.patientOf(alarmId);
		PatientState state = (patient != null) ? this.patients.get(patient) : null;
		return this.alarms.acknowledge(state, alarmId, user, at);
	}

	/**
	 * Returns a patient's active alarms: high priority first, then oldest first.
	 * @param patient the patient id
	 * @return the raised and acknowledged alarms, empty for unknown patients
	 */
	public synchronized List<Alarm> active(String patient) {
		PatientState state = this.patients.get(patient);
		if (state == null) {
			return List.of();
		}
		return this.alarms.displayed(state);
	}

	/**
	 * Returns the alarm list to publish retained on the patient's bed topic.
	 * @param patient the patient id
	 * @param updated the list's time stamp
	 * @return the list (possibly empty), or empty if the engine never saw the patient in
	 * a bed
	 */
	public synchronized Optional<AlarmList> activeList(String patient, Instant updated) {
		PatientState state = this.patients.get(patient);
		if (state == null || state.context == null) {
			return Optional.empty();
		}
		return Optional.of(new AlarmList(state.context.ward(), state.context.bed(), updated, active(patient)));
	}

	/**
	 * Removes the values the engine holds for artefact (inside a sensor fault or artefact
	 * window of their device) from a reading, e.g. before it goes into the NEWS2 window.
	 * Call it after {@link #onReading} for the same reading.
	 * @param patient the patient id
	 * @param reading the reading; never {@code null}
	 * @return the reading without artefact values (the same instance if it had none), or
	 * empty if nothing is left
	 */
	public synchronized Optional<Reading> artefactFree(String patient, Reading reading) {
		Objects.requireNonNull(reading, "reading");
		return SensorFaults.artefactFree(this.patients.get(patient), reading);
	}

	private PatientState state(PatientContext context) {
		return this.patients.at(context);
	}

}
