package care.vitals.ingest.clinical;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import care.vitals.model.alarm.PatientContext;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.reading.Source;

/**
 * Each patient's recent staff observations: kept retained on the broker (recorded here,
 * or merged with those another instance published) and scored as staff-sourced values of
 * the NEWS2 window. It takes no lock of its own (its map is concurrent): the
 * {@link ClinicalEngine} calls it under its own locks, where its public methods say they
 * take them.
 */
final class StaffObservations {

	/** The reading id of staff entries in the NEWS2 window (their source is the user). */
	static final String STAFF_ENTRY = "staff-entry";

	private final Map<String, PatientObservations> observations = new ConcurrentHashMap<>();

	private final ObservationsPublisher publisher;

	private final ClinicalState state;

	private final Clock clock;

	StaffObservations(ObservationsPublisher publisher, ClinicalState state, Clock clock) {
		this.publisher = publisher;
		this.state = state;
		this.clock = clock;
	}

	/**
	 * Adds an observation to the patient's recent ones and publishes the result retained.
	 * @return the observations published
	 * @throws RuntimeException if the broker did not take them (nothing changed)
	 */
	PatientObservations recorded(String patient, StaffObservation observation) {
		PatientObservations next = get(patient).with(observation, Instant.now(this.clock));
		this.publisher.publish(next);
		return next;
	}

	/**
	 * Merges the observations as published with those known here, and publishes the union
	 * again if the message lacks an entry known here (kept here if the broker does not
	 * take it: the next observation of the patient publishes the union).
	 * @return the merged observations
	 */
	PatientObservations merged(PatientObservations received) {
		PatientObservations merged = received.merge(get(received.patient()), Instant.now(this.clock));
		if (!merged.entries().equals(received.entries())) {
			try {
				this.publisher.publish(merged);
			}
			catch (RuntimeException ex) {
				// kept here; the next observation of the patient publishes the union
			}
		}
		return merged;
	}

	/**
	 * Keeps a patient's observations and scores every entry as a staff-sourced value.
	 * @param location where the patient is now, or {@code null} if not admitted (kept,
	 * not scored)
	 */
	Outcome apply(Assignment location, PatientObservations observations) {
		this.observations.put(observations.patient(), observations);
		if (location == null) {
			return Outcome.none(Instant.now(this.clock));
		}
		PatientContext context = this.state.context(location);
		Outcome.Builder out = new Outcome.Builder();
		for (StaffObservation entry : observations.entries()) {
			this.state.score(context, entry.asReading(STAFF_ENTRY), Source.staff(entry.observer()), out);
		}
		return this.state.record(out);
	}

	/** The observations kept for the patient, or {@code null} if none. */
	PatientObservations held(String patient) {
		return this.observations.get(patient);
	}

	/** The patient's recent observations, empty if none. */
	PatientObservations get(String patient) {
		PatientObservations current = this.observations.get(patient);
		return (current != null) ? current : new PatientObservations(patient, List.of());
	}

	/** Forgets the patient's observations. */
	void forget(String patient) {
		this.observations.remove(patient);
	}

}
