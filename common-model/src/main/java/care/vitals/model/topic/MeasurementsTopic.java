package care.vitals.model.topic;

import care.vitals.model.id.Identifiers;

/**
 * The topic {@code devices/{deviceId}/measurements}: measurements (compact JSON or
 * SenML).
 *
 * @param deviceId the device, a valid identifier; never {@code null}
 */
public record MeasurementsTopic(String deviceId) implements DeviceTopic {

	/**
	 * Validates the device id.
	 * @throws IllegalArgumentException if the device id is invalid
	 */
	public MeasurementsTopic {
		Identifiers.requireValid(deviceId, "device id");
	}

	/**
	 * Returns the topic string.
	 * @return the topic
	 */
	public String topic() {
		return Topics.measurements(this.deviceId);
	}

}
