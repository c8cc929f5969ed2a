package care.vitals.ingest.clinical;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import care.vitals.model.alarm.AlarmTransition;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.settings.PatientSettings;

/**
 * Each patient's clinical settings: edited and published retained, then applied to the
 * alarm engine ({@link SettingsInForce}) and to the SpO2 scale of the patient's NEWS2
 * inputs. It takes no lock of its own: the {@link ClinicalEngine} calls it under its own
 * locks, where its public methods say they take them.
 */
final class ClinicalSettings {

	private final SettingsInForce inForce;

	private final SettingsPublisher publisher;

	private final ClinicalState state;

	private final Clock clock;

	ClinicalSettings(SettingsPublisher publisher, ClinicalState state, Clock clock) {
		this.inForce = new SettingsInForce(state.alarms());
		this.publisher = publisher;
		this.state = state;
		this.clock = clock;
	}

	/**
	 * Makes a patient's new settings from those in force and publishes them retained.
	 * @return the settings published
	 * @throws RuntimeException if the broker did not take them (nothing changed)
	 */
	PatientSettings edited(String patient, UnaryOperator<PatientSettings> edit) {
		PatientSettings next = edit.apply(get(patient));
		this.publisher.publish(next);
		return next;
	}

	/**
	 * Applies a patient's settings unless older than those in force (see
	 * {@link ClinicalEngine#apply(PatientSettings)}).
	 */
	Outcome apply(PatientSettings next) {
		Instant now = Instant.now(this.clock);
		Optional<List<AlarmTransition>> transitions = this.inForce.apply(next, now);
		if (transitions.isEmpty()) {
			return Outcome.none(now);
		}
		this.state.state(next.patient()).scale(next.scale());
		return this.state.record(transitions.get());
	}

	/** Returns a patient to the default settings. */
	Outcome reset(String patient) {
		Instant now = Instant.now(this.clock);
		Optional<List<AlarmTransition>> transitions = this.inForce.reset(patient, now);
		if (transitions.isEmpty()) {
			return Outcome.none(now);
		}
		PatientState state = this.state.existing(patient);
		if (state != null) {
			state.scale(SpO2Scale.SCALE_1);
		}
		return this.state.record(transitions.get());
	}

	/** The settings in force, or the defaults (attributed to {@code system}). */
	PatientSettings get(String patient) {
		return this.inForce.get(patient);
	}

	/** Every patient's settings that differ from the defaults. */
	List<PatientSettings> all() {
		return this.inForce.all();
	}

	/**
	 * The indications of a patient's changed limits (after an assignment: limits changed
	 * before this instance knew the patient's bed).
	 */
	List<AlarmTransition> indications(String patient, Instant now) {
		return this.inForce.indications(patient, now);
	}

	/** Forgets a patient's settings without touching the alarms (discharged). */
	void forget(String patient) {
		this.inForce.forget(patient);
	}

}
