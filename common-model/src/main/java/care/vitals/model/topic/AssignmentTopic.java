package care.vitals.model.topic;

import care.vitals.model.id.Identifiers;

/**
 * The topic {@code assignments/{deviceId}}: the retained patient assignment of a device.
 *
 * @param deviceId the device, a valid identifier; never {@code null}
 */
public record AssignmentTopic(String deviceId) implements DeviceTopic {

	/**
	 * Validates the device id.
	 * @throws IllegalArgumentException if the device id is invalid
	 */
	public AssignmentTopic {
		Identifiers.requireValid(deviceId, "device id");
	}

	/**
	 * Returns the topic string.
	 * @return the topic
	 */
	public String topic() {
		return Topics.assignment(this.deviceId);
	}

}
