package care.vitals.ingest.clinical;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmEngine;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmTransition;
import care.vitals.model.alarm.PatientContext;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;

/**
 * The clinical state every step of the {@link ClinicalEngine} shares: the alarm engine,
 * each patient's NEWS2 inputs ({@link PatientState}) and where each patient is (the
 * context of their alarms), with what every step does with them (score a value, add the
 * list of every bed whose alarms changed) and the read-only views. It takes no lock of
 * its own (its maps are concurrent): the engine calls it under its own locks, where its
 * public methods say they take them.
 */
final class ClinicalState {

	private final AlarmEngine alarms;

	private final Map<String, PatientState> patients = new ConcurrentHashMap<>();

	private final Map<String, PatientContext> contexts = new ConcurrentHashMap<>();

	private final Clock clock;

	ClinicalState(AlarmEngine alarms, Clock clock) {
		this.alarms = alarms;
		this.clock = clock;
	}

	AlarmEngine alarms() {
		return this.alarms;
	}

	/** Where the patient is now: remembered as the context of their alarms. */
	PatientContext context(Assignment assignment) {
		PatientContext context = PatientContext.of(assignment);
		this.contexts.put(context.patient(), context);
		return context;
	}

	/** The patient's NEWS2 inputs, created if the patient is new. */
	PatientState state(String patient) {
		return this.patients.computeIfAbsent(patient, (p) -> new PatientState());
	}

	/** The patient's NEWS2 inputs, or {@code null} if the patient is unknown. */
	PatientState existing(String patient) {
		return this.patients.get(patient);
	}

	/** Forgets a discharged patient's NEWS2 inputs and where they were. */
	void forget(String patient) {
		this.patients.remove(patient);
		this.contexts.remove(patient);
	}

	/** Scores an artefact-free value and runs the score through the alarm engine. */
	void score(PatientContext context, Reading reading, Source source, Outcome.Builder out) {
		PatientState state = state(context.patient());
		News2Score score = state.accept(reading, source);
		if (score != null) {
			out.scores.add(new Outcome.Scored(context, score, state.sources()));
			out.transitions.addAll(this.alarms.onScore(context, score));
		}
	}

	/**
	 * Restores the alarms of a bed's retained list that are still true (see
	 * {@link ClinicalEngine#restoreBed}).
	 */
	ClinicalEngine.Restored restoreBed(AlarmList list) {
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
		Outcome.Builder out = new Outcome.Builder();
		out.bed((occupant != null) ? bedList(occupant, now) : new AlarmList(list.ward(), list.bed(), now, List.of()));
		return new ClinicalEngine.Restored(restored, out.build(now));
	}

	/** Takes over the owner's alarm identities (see {@link ClinicalEngine#adopt}). */
	int adopt(AlarmList list) {
		int adopted = 0;
		for (Alarm alarm : list.alarms()) {
			if (this.alarms.adopt(alarm)) {
				adopted++;
			}
		}
		return adopted;
	}

	ThresholdRule rule(String patient, Parameter parameter) {
		return this.alarms.rules(patient).threshold(parameter).orElse(null);
	}

	SpO2Scale scale(String patient) {
		return state(patient).scale();
	}

	Optional<News2Score> news2(String patient) {
		PatientState state = this.patients.get(patient);
		return Optional.ofNullable((state != null) ? state.last() : null);
	}

	Map<News2Parameter, PatientVitalsWindow.Used> vitals(String patient) {
		PatientState state = this.patients.get(patient);
		return (state != null) ? state.used(Instant.now(this.clock)) : Map.of();
	}

	List<Alarm> active(String patient) {
		return this.alarms.active(patient);
	}

	List<Alarm> active() {
		List<Alarm> all = new ArrayList<>();
		this.contexts.keySet().forEach((patient) -> all.addAll(this.alarms.active(patient)));
		return all;
	}

	/** Every active alarm restated as it is now, and the list of every bed. */
	Outcome restate() {
		Instant now = Instant.now(this.clock);
		Outcome.Builder out = new Outcome.Builder();
		for (PatientContext context : this.contexts.values()) {
			out.restated.addAll(this.alarms.active(context.patient()));
			out.bed(bedList(context, now));
		}
		return out.build(now);
	}

	Outcome record(List<AlarmTransition> transitions) {
		Outcome.Builder out = new Outcome.Builder();
		out.transitions.addAll(transitions);
		return record(out);
	}

	/** Adds the list of every bed whose alarms changed. */
	Outcome record(Outcome.Builder out) {
		Instant now = Instant.now(this.clock);
		Set<String> changed = new LinkedHashSet<>();
		out.transitions.forEach((transition) -> changed.add(transition.alarm().patient()));
		for (String patient : changed) {
			PatientContext context = this.contexts.get(patient);
			if (context != null) {
				out.bed(bedList(context, now));
			}
		}
		return out.build(now);
	}

	AlarmList bedList(PatientContext context, Instant now) {
		return this.alarms.activeList(context.patient(), now)
			.filter((l) -> l.ward().equals(context.ward()) && l.bed().equals(context.bed()))
			.orElse(new AlarmList(context.ward(), context.bed(), now, List.of()));
	}

}
