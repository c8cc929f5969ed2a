package care.vitals.ingest.clinical;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import care.vitals.model.alarm.AckOutcome;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmEngine;
import care.vitals.model.alarm.Escalation;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.alarm.AlarmTransition;
import care.vitals.model.alarm.PatientContext;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;
import care.vitals.model.settings.PatientSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Streams readings, device events and status of assigned devices through NEWS2 and the
 * alarm engine of common-model, and holds each patient's clinical state (NEWS2 window,
 * alarms, settings, staff observations). Every step returns its {@link Outcome}: the
 * NEWS2 scores that changed, the alarm transitions and the current list of every bed
 * whose alarms changed; the {@link ClinicalOutput} stores and publishes them (on the
 * owner of the clinical output only). Readings follow the patient: the context always
 * comes from the device's current assignment.
 * <p>
 * The engine is the one entry point and holds the locks: its monitor ({@link #exclusive}
 * and the {@code synchronized} methods) and the lock that serialises the changes made
 * through this instance's API. The work is done by the owners it builds, which take no
 * lock of their own: {@link ClinicalState} (alarm engine, NEWS2 inputs, where each
 * patient is), {@link ClinicalSettings} and {@link StaffObservations}.
 */
@Component
public class ClinicalEngine {

	/** Who ends an expired override in the settings. */
	public static final String EXPIRY_USER = "expiry";

	private final ClinicalState state;

	private final ClinicalSettings settings;

	private final StaffObservations observations;

	/** Serialises settings changes made through this instance's API. */
	private final Object changes = new Object();

	private final Clock clock;

	public ClinicalEngine(SettingsPublisher settingsPublisher, ObservationsPublisher observationsPublisher,
			Clock clock) {
		this(settingsPublisher, observationsPublisher, clock, AlarmRules.defaults(), Escalation.defaults());
	}

	@Autowired
	public ClinicalEngine(SettingsPublisher settingsPublisher, ObservationsPublisher observationsPublisher, Clock clock,
			ClinicalProperties properties) {
		this(settingsPublisher, observationsPublisher, clock, properties.alarmRules(), properties.escalationSchedule());
	}

	public ClinicalEngine(SettingsPublisher settingsPublisher, ObservationsPublisher observationsPublisher, Clock clock,
			AlarmRules rules, Escalation escalation) {
		this.state = new ClinicalState(new AlarmEngine(rules, escalation), clock);
		this.settings = new ClinicalSettings(settingsPublisher, this.state, clock);
		this.observations = new StaffObservations(observationsPublisher, this.state, clock);
		this.clock = clock;
	}

	/**
	 * Runs a piece of work with the engine to itself: the intakes look up where a patient
	 * is and evaluate in one step, and change the assignment history and tell the engine
	 * in one step, so a reading can never re-create a patient discharged between the two.
	 * @param work the work
	 * @return what it returns
	 */
	public synchronized <T> T exclusive(Supplier<T> work) {
		return work.get();
	}

	/**
	 * Scores a reading and runs it through the alarm engine.
	 * @param location where the patient is now (their current assignment)
	 * @param reading the reading, its time corrected for the device's clock
	 * @param receivedAt when it arrived (no-data runs on it)
	 * @return NEWS2 when it changed, alarm transitions
	 */
	public Outcome onReading(Assignment location, Reading reading, Instant receivedAt) {
		PatientContext context = this.state.context(location);
		Outcome.Builder out = new Outcome.Builder();
		out.transitions.addAll(alarms().onReading(context, reading, receivedAt));
		Optional<Reading> clean = alarms().artefactFree(context.patient(), reading);
		clean.ifPresent((r) -> this.state.score(context, r, Source.device(r.deviceId()), out));
		return this.state.record(out);
	}

	/**
	 * Records what a member of staff observed: publishes the patient's recent
	 * observations retained (so they outlive this process and reach every instance), then
	 * scores them here. Staff entries feed NEWS2 only (a spot value cannot satisfy a
	 * limit alarm's delay; NEWS2 is where they count) and win over device values of the
	 * same parameter while fresh.
	 * @param location where the patient is now
	 * @param observation the observation
	 * @return the NEWS2 score and alarm transitions it caused
	 * @throws RuntimeException if the broker did not take it (nothing changed)
	 */
	public Outcome observe(Assignment location, StaffObservation observation) {
		synchronized (this.changes) {
			return apply(location, this.observations.recorded(location.patient(), observation));
		}
	}

	/**
	 * Receives a patient's retained staff observations (after a restart, or made through
	 * another instance) and applies them merged with those known here: two instances that
	 * recorded at the same time each published only their own entry, and the broker kept
	 * the last. If the message lacks an entry known here, the union is published again,
	 * so the retained copy converges on every entry (the union of the union changes
	 * nothing, so this ends).
	 * @param location where the patient is now, or {@code null} if not admitted
	 * @param received the observations as published
	 * @return the NEWS2 score and alarm transitions they caused
	 */
	public Outcome received(Assignment location, PatientObservations received) {
		synchronized (this.changes) {
			return apply(location, this.observations.merged(received));
		}
	}

	/**
	 * Applies a patient's staff observations: every entry goes into the NEWS2 window as a
	 * staff-sourced value.
	 * @param location where the patient is now, or {@code null} if not admitted (kept,
	 * not scored)
	 * @param observations the observations
	 * @return the NEWS2 score and alarm transitions they caused
	 */
	public synchronized Outcome apply(Assignment location, PatientObservations observations) {
		return this.observations.apply(location, observations);
	}

	/**
	 * Forgets a patient's staff observations (their retained message was cleared at
	 * discharge).
	 * @param patient the patient
	 */
	public void clearObservations(String patient) {
		this.observations.forget(patient);
	}

	/**
	 * Returns a patient's recent staff observations.
	 * @param patient the patient
	 * @return the observations, empty if none
	 */
	public PatientObservations observations(String patient) {
		return this.observations.get(patient);
	}

	/**
	 * A device's clock is off beyond tolerance ({@code offset}), or no longer is
	 * ({@code null}): raises or resolves {@code clock_skew}.
	 */
	public Outcome clockSkew(Assignment assignment, String device, Duration offset, Instant at) {
		return this.state.record(alarms().clockSkew(this.state.context(assignment), device, offset, at));
	}

	/** A device sent an impossible value: raises {@code implausible_value} for it. */
	public Outcome implausible(Assignment assignment, String device, Parameter parameter, String detail, Instant at) {
		return this.state.record(alarms().implausible(this.state.context(assignment), device, parameter, detail, at));
	}

	public Outcome onEvent(Assignment assignment, DeviceEvent event) {
		return this.state.record(alarms().onEvent(this.state.context(assignment), event));
	}

	public Outcome onStatus(Assignment assignment, DeviceStatus status, Instant receivedAt) {
		return this.state.record(alarms().onStatus(this.state.context(assignment), status, receivedAt));
	}

	/** A device's assignment changed: admitted, transferred or discharged. */
	public Outcome onAssignment(String device, Optional<Assignment> previous, Optional<Assignment> next,
			boolean patientStillMonitored) {
		Instant now = Instant.now(this.clock);
		List<AlarmTransition> transitions = new ArrayList<>();
		Set<PatientContext> vacated = new LinkedHashSet<>();
		if (previous.isPresent()) {
			PatientContext old = PatientContext.of(previous.get());
			boolean samePatient = next.isPresent() && next.get().patient().equals(old.patient());
			if (!samePatient) {
				transitions.addAll(alarms().unassign(old.patient(), device, now));
				if (!patientStillMonitored) {
					transitions.addAll(alarms().discharge(old.patient(), now));
					this.state.forget(old.patient());
					// the retained settings and observations were cleared by whoever
					// discharged (the API)
					this.settings.forget(old.patient());
					this.observations.forget(old.patient());
				}
			}
			if (next.isEmpty() || !PatientContext.of(next.get()).equals(old)) {
				vacated.add(old);
			}
		}
		next.ifPresent((assignment) -> {
			transitions.addAll(alarms().assign(this.state.context(assignment), device, now));
			// limits changed before this instance knew the patient's bed
			transitions.addAll(this.settings.indications(assignment.patient(), now));
		});
		Outcome.Builder out = new Outcome.Builder();
		out.transitions.addAll(transitions);
		// staff observations that arrived before the patient's assignment (at start)
		// (read once: a discharge on another thread may forget them in between)
		next.ifPresent((assignment) -> Optional.ofNullable(this.observations.held(assignment.patient()))
			.ifPresent((held) -> out.add(apply(assignment, held))));
		vacated.forEach((bed) -> out.bed(this.state.bedList(bed, now)));
		return this.state.record(out);
	}

	/**
	 * Restores the alarms of a bed's retained list that are still true (the caller
	 * checked that their patients are in that bed and their devices still theirs), as
	 * found at start before the first reading: they keep their ids and acknowledgements
	 * and stay on the bed's list while their condition lasts. The bed's list is published
	 * again as it now is. Never call it with live lists (an echo could hold an alarm
	 * whose condition has since ended).
	 * @param list the bed's retained alarm list, filtered
	 * @return how many alarms were restored, and the bed's list to publish
	 */
	public Restored restoreBed(AlarmList list) {
		return this.state.restoreBed(list);
	}

	/**
	 * The result of {@link #restoreBed}.
	 *
	 * @param alarms how many alarms were restored
	 * @param outcome the bed's list, to publish
	 */
	public record Restored(int alarms, Outcome outcome) {
	}

	/**
	 * Takes over the identities (id, acknowledgement, time) of the alarms in a bed's list
	 * the owner of the clinical output published, for the conditions this standby holds
	 * too (docs/scaling.md). Never raises or resolves anything.
	 * @param list the owner's list of a bed
	 * @return how many alarms here now carry the owner's identity
	 */
	public synchronized int adopt(AlarmList list) {
		return this.state.adopt(list);
	}

	/** Evaluates delays and no-data timeouts. */
	public Outcome tick() {
		return this.state.record(alarms().tick(Instant.now(this.clock)));
	}

	/**
	 * Acknowledges an active alarm.
	 * @param alarmId the alarm
	 * @param user who acknowledges
	 * @return the transition (none if it was acknowledged already), or empty if no active
	 * alarm has the id
	 */
	public Optional<Outcome> acknowledge(String alarmId, String user) {
		AckOutcome outcome = alarms().acknowledge(alarmId, user, Instant.now(this.clock));
		if (outcome instanceof AckOutcome.Acknowledged acknowledged) {
			return Optional.of(this.state.record(acknowledged.transitions()));
		}
		if (outcome instanceof AckOutcome.AlreadyAcknowledged) {
			return Optional.of(Outcome.none(Instant.now(this.clock)));
		}
		return Optional.empty();
	}

	/**
	 * Changes a patient's settings: edits the settings in force (the edit increments the
	 * revision), publishes the result retained (so it outlives this process and reaches
	 * every instance), then applies it here. Changes made through this instance are
	 * serialised; two instances changing the same patient at once: the later message at
	 * the broker wins everywhere.
	 * @param patient the patient
	 * @param edit makes the new settings from the current ones
	 * @return the new settings and the alarm transitions they caused
	 * @throws RuntimeException if the broker did not take them (nothing changed)
	 */
	public Change change(String patient, UnaryOperator<PatientSettings> edit) {
		synchronized (this.changes) {
			PatientSettings next = this.settings.edited(patient, edit);
			return new Change(next, apply(next));
		}
	}

	/**
	 * Ends every override whose expiry has come: its parameter returns to the default,
	 * published like a change by {@value #EXPIRY_USER}. Call it on the instance that owns
	 * the clinical output only (one change, one revision).
	 * @return the alarm transitions caused (the {@code limit_changed} indications
	 * removed)
	 * @throws RuntimeException if the broker did not take a change (retried next time)
	 */
	public Outcome expire() {
		Instant now = Instant.now(this.clock);
		List<AlarmTransition> transitions = new ArrayList<>();
		for (PatientSettings settings : this.settings.all()) {
			for (Parameter parameter : settings.expired(now)) {
				Change change = change(settings.patient(),
						(current) -> current.withoutThreshold(parameter, EXPIRY_USER, now));
				transitions.addAll(change.outcome().transitions());
			}
		}
		return transitions.isEmpty() ? Outcome.none(now) : this.state.record(transitions);
	}

	/**
	 * The result of {@link #change}.
	 *
	 * @param settings the settings now in force
	 * @param outcome the alarm transitions they caused
	 */
	public record Change(PatientSettings settings, Outcome outcome) {
	}

	/**
	 * Applies a patient's settings (from the retained message or {@link #change}): the
	 * SpO2 scale, and each threshold rule that differs from the one in force; a parameter
	 * no longer overridden returns to its default. Settings of an older revision than
	 * those in force are the late echo of a change already superseded here and are
	 * ignored; the same revision is applied, so that instances that changed the same
	 * patient at once converge on the broker's last message.
	 * @param next the settings
	 * @return the alarm transitions caused
	 */
	public synchronized Outcome apply(PatientSettings next) {
		return this.settings.apply(next);
	}

	/**
	 * Returns a patient to the default settings (its retained settings were cleared).
	 * @param patient the patient
	 * @return the alarm transitions caused
	 */
	public synchronized Outcome reset(String patient) {
		return this.settings.reset(patient);
	}

	/**
	 * Returns the settings in force for a patient.
	 * @param patient the patient
	 * @return its settings, or the defaults (attributed to {@code system}) if none were
	 * set
	 */
	public PatientSettings settings(String patient) {
		return this.settings.get(patient);
	}

	public ThresholdRule rule(String patient, Parameter parameter) {
		return this.state.rule(patient, parameter);
	}

	public SpO2Scale scale(String patient) {
		return this.state.scale(patient);
	}

	public Optional<News2Score> news2(String patient) {
		return this.state.news2(patient);
	}

	/**
	 * Returns the NEWS2 inputs in force for a patient now (read-only; for display): the
	 * value, time and source of each fresh parameter.
	 * @param patient the patient
	 * @return the inputs by parameter, empty if none are fresh or the patient is unknown
	 */
	public Map<News2Parameter, PatientVitalsWindow.Used> vitals(String patient) {
		return this.state.vitals(patient);
	}

	public List<Alarm> active(String patient) {
		return this.state.active(patient);
	}

	public List<Alarm> active() {
		return this.state.active();
	}

	/** Every active alarm restated as it is now, and the list of every bed. */
	public Outcome restate() {
		return this.state.restate();
	}

	private AlarmEngine alarms() {
		return this.state.alarms();
	}

}
