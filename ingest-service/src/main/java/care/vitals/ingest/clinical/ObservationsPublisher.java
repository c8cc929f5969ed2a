package care.vitals.ingest.clinical;

import care.vitals.model.observation.PatientObservations;

/**
 * Keeps a patient's recent staff observations retained on the broker, where every ingest
 * instance (and this one after a restart) reads them back.
 */
public interface ObservationsPublisher {

	/**
	 * Publishes the observations and returns once the broker has them.
	 * @param observations the patient's recent observations
	 * @throws RuntimeException if the broker did not take them (nothing is changed then)
	 */
	void publish(PatientObservations observations);

	/**
	 * Clears the retained observations of a patient being discharged and returns once the
	 * broker has it.
	 * @param patient the patient
	 * @throws RuntimeException if the broker did not take it
	 */
	void clear(String patient);

}
