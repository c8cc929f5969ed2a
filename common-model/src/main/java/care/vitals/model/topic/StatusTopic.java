package care.vitals.model.topic;

import care.vitals.model.id.Identifiers;

/**
 * The topic {@code devices/{deviceId}/status}: the retained device status.
 *
 * @param deviceId the device, a valid identifier; never {@code null}
 */
public record StatusTopic(String deviceId) implements DeviceTopic {

	/**
	 * Validates the device id.
	 * @throws IllegalArgumentException if the device id is invalid
	 */
	public StatusTopic {
		Identifiers.requireValid(deviceId, "device id");
	}

	/**
	 * Returns the topic string.
	 * @return the topic
	 */
	public String topic() {
		return Topics.status(this.deviceId);
	}

}
