package care.vitals.ingest.clinical;

import care.vitals.model.settings.PatientSettings;

/**
 * Keeps a patient's clinical settings retained on the broker, where every ingest instance
 * (and this one after a restart) reads them back.
 */
public interface SettingsPublisher {

	/**
	 * Publishes the settings and returns once the broker has them.
	 * @param settings the patient's new settings
	 * @throws RuntimeException if the broker did not take them (nothing is changed then)
	 */
	void publish(PatientSettings settings);

	/**
	 * Clears the retained settings of a patient being discharged (back to the defaults)
	 * and returns once the broker has it.
	 * @param patient the patient
	 * @throws RuntimeException if the broker did not take it
	 */
	void clear(String patient);

}
