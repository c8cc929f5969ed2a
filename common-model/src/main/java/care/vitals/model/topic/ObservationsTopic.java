package care.vitals.model.topic;

import care.vitals.model.id.Identifiers;

/**
 * The topic {@code patients/{patient}/observations}: the retained recent staff
 * observations of a patient (ACVPU, oxygen, manual vital signs).
 *
 * @param patient the patient, a valid identifier; never {@code null}
 */
public record ObservationsTopic(String patient) implements ParsedTopic {

	/**
	 * Validates the patient id.
	 * @throws IllegalArgumentException if the patient id is invalid
	 */
	public ObservationsTopic {
		Identifiers.requireValid(patient, "patient");
	}

	/**
	 * Returns the topic string.
	 * @return the topic
	 */
	public String topic() {
		return Topics.observations(this.patient);
	}

}
