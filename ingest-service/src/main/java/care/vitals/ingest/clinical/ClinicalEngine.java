package care.vitals.ingest.clinical;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import care.vitals.ingest.storage.ClinicalLines;
import care.vitals.model.alarm.AckOutcome;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmEngine;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.alarm.AlarmTransition;
import care.vitals.model.alarm.PatientContext;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;
import care.vitals.model.settings.PatientSettings;

import org.springframework.stereotype.Component;

/**
 * Streams readings, device events and status of assigned devices through NEWS2 and the
 * alarm engine of common-model. Returns the line protocol to store (NEWS2 scores when
 * they change, every alarm transition) so it is written in the same batch as the data
 * that caused it, and publishes the retained alarm list of every bed whose alarms
 * changed. Readings follow the patient: the context always comes from the device's
 * current assignment.
 */
@Component
public class ClinicalEngine {

	private final AlarmEngine alarms = new AlarmEngine(AlarmRules.defaults());

	private final Map<String, PatientState> patients = new ConcurrentHashMap<>();

	private final Map<String, PatientContext> contexts = new ConcurrentHashMap<>();

	private final Map<String, PatientSettings> settings = new ConcurrentHashMap<>();

	private final Map<String, PatientObservations> observations = new ConcurrentHashMap<>();

	/** The reading id of staff entries in the NEWS2 window (their source is the user). */
	static final String STAFF_ENTRY = "staff-entry";

	/** Serialises settings changes made through this instance's API. */
	private final Object changes = new Object();

	private final AlarmStatePublisher publisher;

	private final SettingsPublisher settingsPublisher;

	private final ObservationsPublisher observationsPublisher;

	private final Clock clock;

	public ClinicalEngine(AlarmStatePublisher publisher, SettingsPublisher settingsPublisher,
			ObservationsPublisher observationsPublisher, Clock clock) {
		this.publisher = publisher;
		this.settingsPublisher = settingsPublisher;
		this.observationsPublisher = observationsPublisher;
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
	 * @return the lines to store: NEWS2 when it changed, alarm transitions
	 */
	public List<String> onReading(Assignment location, Reading reading, Instant receivedAt) {
		PatientContext context = context(location);
		List<AlarmTransition> transitions = new ArrayList<>(this.alarms.onReading(context, reading, receivedAt));
		List<String> lines = new ArrayList<>();
		Optional<Reading> clean = this.alarms.artefactFree(context.patient(), reading);
		clean.ifPresent((r) -> score(context, r, Source.device(r.deviceId()), transitions, lines));
		return record(transitions, lines);
	}

	private void score(PatientContext context, Reading reading, Source source, List<AlarmTransition> transitions,
			List<String> lines) {
		PatientState state = state(context.patient());
		News2Score score = state.accept(reading, source);
		if (score != null) {
			lines.add(ClinicalLines.news2(context.patient(), context.ward(), context.bed(), score, state.sources()));
			transitions.addAll(this.alarms.onScore(context, score));
		}
	}

	/**
	 * Records what a member of staff observed: publishes the patient's recent
	 * observations retained (so they outlive this process and reach every instance), then
	 * scores them here. Staff entries feed NEWS2 only (a spot value cannot satisfy a
	 * limit alarm's delay; NEWS2 is where they count) and win over device values of the
	 * same parameter while fresh.
	 * @param location where the patient is now
	 * @param observation the observation
	 * @return the lines of the NEWS2 score and alarm transitions it caused
	 * @throws RuntimeException if the broker did not take it (nothing changed)
	 */
	public List<String> observe(Assignment location, StaffObservation observation) {
		synchronized (this.changes) {
			String patient = location.patient();
			PatientObservations next = observations(patient).with(observation, Instant.now(this.clock));
			this.observationsPublisher.publish(next);
			return apply(location, next);
		}
	}

	/**
	 * Applies a patient's retained staff observations (after a restart, or made through
	 * another instance): every entry goes into the NEWS2 window as a staff-sourced value.
	 * @param location where the patient is now, or {@code null} if not admitted (kept,
	 * not scored)
	 * @param observations the observations
	 * @return the lines of the NEWS2 score and alarm transitions they caused
	 */
	public synchronized List<String> apply(Assignment location, PatientObservations observations) {
		this.observations.put(observations.patient(), observations);
		if (location == null) {
			return List.of();
		}
		PatientContext context = context(location);
		List<AlarmTransition> transitions = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		for (StaffObservation entry : observations.entries()) {
			score(context, entry.asReading(STAFF_ENTRY), Source.staff(entry.observer()), transitions, lines);
		}
		return record(transitions, lines);
	}

	/**
	 * Forgets a patient's staff observations (their retained message was cleared at
	 * discharge).
	 * @param patient the patient
	 */
	public void clearObservations(String patient) {
		this.observations.remove(patient);
	}

	/**
	 * Returns a patient's recent staff observations.
	 * @param patient the patient
	 * @return the observations, empty if none
	 */
	public PatientObservations observations(String patient) {
		PatientObservations current = this.observations.get(patient);
		return (current != null) ? current : new PatientObservations(patient, List.of());
	}

	/**
	 * A device's clock is off beyond tolerance ({@code offset}), or no longer is
	 * ({@code null}): raises or resolves {@code clock_skew}.
	 */
	public List<String> clockSkew(Assignment assignment, String device, Duration offset, Instant at) {
		return record(this.alarms.clockSkew(context(assignment), device, offset, at), new ArrayList<>());
	}

	/** A device sent an impossible value: raises {@code implausible_value} for it. */
	public List<String> implausible(Assignment assignment, String device, Parameter parameter, String detail,
			Instant at) {
		return record(this.alarms.implausible(context(assignment), device, parameter, detail, at), new ArrayList<>());
	}

	public List<String> onEvent(Assignment assignment, DeviceEvent event) {
		return record(this.alarms.onEvent(context(assignment), event), new ArrayList<>());
	}

	public List<String> onStatus(Assignment assignment, DeviceStatus status, Instant receivedAt) {
		return record(this.alarms.onStatus(context(assignment), status, receivedAt), new ArrayList<>());
	}

	/** A device's assignment changed: admitted, transferred or discharged. */
	public List<String> onAssignment(String device, Optional<Assignment> previous, Optional<Assignment> next,
			boolean patientStillMonitored) {
		Instant now = Instant.now(this.clock);
		List<AlarmTransition> transitions = new ArrayList<>();
		Set<PatientContext> vacated = new LinkedHashSet<>();
		if (previous.isPresent()) {
			PatientContext old = PatientContext.of(previous.get());
			boolean samePatient = next.isPresent() && next.get().patient().equals(old.patient());
			if (!samePatient) {
				transitions.addAll(this.alarms.unassign(old.patient(), device, now));
				if (!patientStillMonitored) {
					transitions.addAll(this.alarms.discharge(old.patient(), now));
					this.patients.remove(old.patient());
					this.contexts.remove(old.patient());
					// the retained settings and observations were cleared by whoever
					// discharged (the API)
					this.settings.remove(old.patient());
					this.observations.remove(old.patient());
				}
			}
			if (next.isEmpty() || !PatientContext.of(next.get()).equals(old)) {
				vacated.add(old);
			}
		}
		next.ifPresent((assignment) -> transitions.addAll(this.alarms.assign(context(assignment), device, now)));
		List<String> lines = record(transitions, new ArrayList<>());
		// staff observations that arrived before the patient's assignment (at start)
		next.filter((assignment) -> this.observations.containsKey(assignment.patient()))
			.ifPresent((assignment) -> lines.addAll(apply(assignment, this.observations.get(assignment.patient()))));
		vacated.forEach((bed) -> publishBed(bed, now));
		return lines;
	}

	/**
	 * Restores the alarms of a bed's retained list that are still true (the caller
	 * checked that their patients are in that bed and their devices still theirs), as
	 * found at start before the first reading: they keep their ids and acknowledgements
	 * and stay on the bed's list while their condition lasts. The bed's list is published
	 * again as it now is. Never call it with live lists (an echo could hold an alarm
	 * whose condition has since ended).
	 * @param list the bed's retained alarm list, filtered
	 * @return how many alarms were restored
	 */
	public int restoreBed(AlarmList list) {
		int restored = 0;
		PatientContext occupant = null;
		for (Alarm alarm : list.alarms()) {
			if (this.alarms.restore(alarm)) {
				occupant = new PatientContext(alarm.patient(), alarm.ward(), alarm.bed());
				this.contexts.putIfAbsent(alarm.patient(), occupant);
				restored++;
			}
		}
		Instant now = Instant.now(this.clock);
		if (occupant != null) {
			publishBed(occupant, now);
		}
		else {
			this.publisher.publish(new AlarmList(list.ward(), list.bed(), now, List.of()));
		}
		return restored;
	}

	/** Evaluates delays and no-data timeouts. */
	public List<String> tick() {
		return record(this.alarms.tick(Instant.now(this.clock)), new ArrayList<>());
	}

	public Optional<List<String>> acknowledge(String alarmId, String user) {
		AckOutcome outcome = this.alarms.acknowledge(alarmId, user, Instant.now(this.clock));
		if (outcome instanceof AckOutcome.Acknowledged acknowledged) {
			return Optional.of(record(List.of(acknowledged.transition()), new ArrayList<>()));
		}
		if (outcome instanceof AckOutcome.AlreadyAcknowledged) {
			return Optional.of(List.of());
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
	 * @return the new settings and the lines of the alarm transitions they caused
	 * @throws RuntimeException if the broker did not take them (nothing changed)
	 */
	public Change change(String patient, UnaryOperator<PatientSettings> edit) {
		synchronized (this.changes) {
			PatientSettings next = edit.apply(settings(patient));
			this.settingsPublisher.publish(next);
			return new Change(next, apply(next));
		}
	}

	/**
	 * The result of {@link #change}.
	 *
	 * @param settings the settings now in force
	 * @param lines the alarm transitions they caused, as line protocol
	 */
	public record Change(PatientSettings settings, List<String> lines) {
	}

	/**
	 * Applies a patient's settings (from the retained message or {@link #change}): the
	 * SpO2 scale, and each threshold rule that differs from the one in force; a parameter
	 * no longer overridden returns to its default. Settings of an older revision than
	 * those in force are the late echo of a change already superseded here and are
	 * ignored; the same revision is applied, so that instances that changed the same
	 * patient at once converge on the broker's last message.
	 * @param next the settings
	 * @return the alarm transitions caused, as lines
	 */
	public synchronized List<String> apply(PatientSettings next) {
		String patient = next.patient();
		PatientSettings previous = settings(patient);
		if (next.revision() < previous.revision()) {
			return List.of();
		}
		Instant now = Instant.now(this.clock);
		state(patient).scale(next.scale());
		List<AlarmTransition> transitions = new ArrayList<>();
		for (Parameter parameter : previous.thresholds().keySet()) {
			if (!next.thresholds().containsKey(parameter)) {
				transitions.addAll(this.alarms.clearOverride(patient, parameter, now));
			}
		}
		next.thresholds().forEach((parameter, rule) -> {
			if (!rule.equals(previous.thresholds().get(parameter))) {
				transitions.addAll(this.alarms.override(patient, rule, now));
			}
		});
		this.settings.put(patient, next);
		return record(transitions, new ArrayList<>());
	}

	/**
	 * Returns a patient to the default settings (its retained settings were cleared).
	 * @param patient the patient
	 * @return the alarm transitions caused, as lines
	 */
	public synchronized List<String> reset(String patient) {
		PatientSettings previous = this.settings.remove(patient);
		if (previous == null) {
			return List.of();
		}
		Instant now = Instant.now(this.clock);
		PatientState state = this.patients.get(patient);
		if (state != null) {
			state.scale(SpO2Scale.SCALE_1);
		}
		List<AlarmTransition> transitions = new ArrayList<>();
		previous.thresholds().keySet().forEach((p) -> transitions.addAll(this.alarms.clearOverride(patient, p, now)));
		return record(transitions, new ArrayList<>());
	}

	/**
	 * Returns the settings in force for a patient.
	 * @param patient the patient
	 * @return its settings, or the defaults (attributed to {@code system}) if none were
	 * set
	 */
	public PatientSettings settings(String patient) {
		PatientSettings current = this.settings.get(patient);
		return (current != null) ? current : PatientSettings.defaults(patient, Instant.EPOCH);
	}

	public ThresholdRule rule(String patient, Parameter parameter) {
		return this.alarms.rules(patient).threshold(parameter).orElse(null);
	}

	public SpO2Scale scale(String patient) {
		return state(patient).scale();
	}

	public Optional<News2Score> news2(String patient) {
		PatientState state = this.patients.get(patient);
		return Optional.ofNullable((state != null) ? state.last() : null);
	}

	public List<Alarm> active(String patient) {
		return this.alarms.active(patient);
	}

	public List<Alarm> active() {
		List<Alarm> all = new ArrayList<>();
		this.contexts.keySet().forEach((patient) -> all.addAll(this.alarms.active(patient)));
		return all;
	}

	/** Lines that restate every active alarm now, and the retained list of every bed. */
	public List<String> restate() {
		Instant now = Instant.now(this.clock);
		List<String> lines = new ArrayList<>();
		for (PatientContext context : this.contexts.values()) {
			this.alarms.active(context.patient()).forEach((alarm) -> lines.add(ClinicalLines.alarm(alarm, now)));
			publishBed(context, now);
		}
		return lines;
	}

	private List<String> record(List<AlarmTransition> transitions, List<String> lines) {
		Set<String> changed = new LinkedHashSet<>();
		for (AlarmTransition transition : transitions) {
			lines.add(ClinicalLines.alarm(transition.alarm()));
			changed.add(transition.alarm().patient());
		}
		Instant now = Instant.now(this.clock);
		for (String patient : changed) {
			PatientContext context = this.contexts.get(patient);
			if (context != null) {
				publishBed(context, now);
			}
		}
		return lines;
	}

	private void publishBed(PatientContext context, Instant now) {
		AlarmList list = this.alarms.activeList(context.patient(), now)
			.filter((l) -> l.ward().equals(context.ward()) && l.bed().equals(context.bed()))
			.orElse(new AlarmList(context.ward(), context.bed(), now, List.of()));
		this.publisher.publish(list);
	}

	private PatientContext context(Assignment assignment) {
		PatientContext context = PatientContext.of(assignment);
		this.contexts.put(context.patient(), context);
		return context;
	}

	private PatientState state(String patient) {
		return this.patients.computeIfAbsent(patient, (p) -> new PatientState());
	}

}
