package care.vitals.model.topic;

import care.vitals.model.id.Identifiers;

/**
 * The topic {@code alarms/{ward}/{bed}}: the retained current alarm list of a bed.
 *
 * @param ward the ward, a valid identifier; never {@code null}
 * @param bed the bed, a valid identifier; never {@code null}
 */
public record AlarmTopic(String ward, String bed) implements ParsedTopic {

	/**
	 * Validates ward and bed.
	 * @throws IllegalArgumentException if either is invalid
	 */
	public AlarmTopic {
		Identifiers.requireValid(ward, "ward");
		Identifiers.requireValid(bed, "bed");
	}

	/**
	 * Returns the topic string.
	 * @return the topic
	 */
	public String topic() {
		return Topics.alarms(this.ward, this.bed);
	}

}
