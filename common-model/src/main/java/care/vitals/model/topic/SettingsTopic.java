package care.vitals.model.topic;

import care.vitals.model.id.Identifiers;

/**
 * The topic {@code patients/{patient}/settings}: the retained clinical settings of a
 * patient (prescribed SpO2 scale, alarm threshold overrides).
 *
 * @param patient the patient, a valid identifier; never {@code null}
 */
public record SettingsTopic(String patient) implements ParsedTopic {

	/**
	 * Validates the patient id.
	 * @throws IllegalArgumentException if the patient id is invalid
	 */
	public SettingsTopic {
		Identifiers.requireValid(patient, "patient");
	}

	/**
	 * Returns the topic string.
	 * @return the topic
	 */
	public String topic() {
		return Topics.settings(this.patient);
	}

}
