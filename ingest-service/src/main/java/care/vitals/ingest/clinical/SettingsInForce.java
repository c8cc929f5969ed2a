package care.vitals.ingest.clinical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import care.vitals.model.alarm.AlarmEngine;
import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.alarm.AlarmTransition;
import care.vitals.model.alarm.LimitChanges;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.settings.PatientSettings;

/**
 * The clinical settings in force per patient, and what applying a change does to the
 * alarm engine: threshold overrides set or cleared, and the {@code limit_changed}
 * indications of limits less strict than the default. {@link ClinicalSettings} calls it
 * under the {@link ClinicalEngine}'s lock and applies the SpO2 scale itself.
 */
final class SettingsInForce {

	private static final AlarmRules DEFAULTS = AlarmRules.defaults();

	private final Map<String, PatientSettings> settings = new ConcurrentHashMap<>();

	private final AlarmEngine alarms;

	SettingsInForce(AlarmEngine alarms) {
		this.alarms = alarms;
	}

	/** The settings in force, or the defaults (attributed to {@code system}). */
	PatientSettings get(String patient) {
		PatientSettings current = this.settings.get(patient);
		return (current != null) ? current : PatientSettings.defaults(patient, Instant.EPOCH);
	}

	/** Every patient's settings that differ from the defaults. */
	List<PatientSettings> all() {
		return List.copyOf(this.settings.values());
	}

	/**
	 * Applies settings unless they are older than those in force (the late echo of a
	 * superseded change).
	 * @return the alarm transitions caused, or empty if the settings were ignored
	 */
	Optional<List<AlarmTransition>> apply(PatientSettings next, Instant now) {
		String patient = next.patient();
		PatientSettings previous = get(patient);
		if (next.revision() < previous.revision()) {
			return Optional.empty();
		}
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
		transitions.addAll(indications(patient, previous, now));
		return Optional.of(transitions);
	}

	/**
	 * Forgets a patient's settings (back to the defaults).
	 * @return the alarm transitions caused, or empty if the patient had none
	 */
	Optional<List<AlarmTransition>> reset(String patient, Instant now) {
		PatientSettings previous = this.settings.remove(patient);
		if (previous == null) {
			return Optional.empty();
		}
		List<AlarmTransition> transitions = new ArrayList<>();
		previous.thresholds().keySet().forEach((p) -> transitions.addAll(this.alarms.clearOverride(patient, p, now)));
		transitions.addAll(indications(patient, previous, now));
		return Optional.of(transitions);
	}

	/** Forgets a patient's settings without touching the alarms (discharged). */
	void forget(String patient) {
		this.settings.remove(patient);
	}

	/**
	 * The indications of a patient's changed limits (after an assignment: limits changed
	 * before this instance knew the patient's bed).
	 */
	List<AlarmTransition> indications(String patient, Instant now) {
		return indications(patient, get(patient), now);
	}

	/**
	 * Shows on the bed's list every limit of the patient that is less strict than the
	 * default ({@code limit_changed}, with who, when and until when), and removes the
	 * indication of one that no longer is.
	 */
	private List<AlarmTransition> indications(String patient, PatientSettings previous, Instant now) {
		PatientSettings current = get(patient);
		Set<Parameter> parameters = new LinkedHashSet<>(previous.thresholds().keySet());
		parameters.addAll(current.thresholds().keySet());
		List<AlarmTransition> transitions = new ArrayList<>();
		for (Parameter parameter : parameters) {
			ThresholdRule rule = current.thresholds().get(parameter);
			Instant until = current.expiries().get(parameter);
			String text = (rule == null) ? null : DEFAULTS.threshold(parameter)
				.flatMap((standard) -> LimitChanges.describe(rule, standard, current.updatedBy(), current.updatedAt()))
				.map((described) -> (until != null) ? described + "; until " + until : described)
				.orElse(null);
			transitions.addAll(this.alarms.indicate(patient, parameter, text, now));
		}
		return transitions;
	}

}
