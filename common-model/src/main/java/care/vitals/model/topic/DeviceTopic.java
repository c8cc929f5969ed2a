package care.vitals.model.topic;

/**
 * A topic that belongs to one device; the device id is the identity the broker's ACL
 * bound to the publishing client.
 */
public sealed interface DeviceTopic extends ParsedTopic
		permits MeasurementsTopic, StatusTopic, EventsTopic, AssignmentTopic {

	/**
	 * Returns the device id from the topic.
	 * @return a valid device id; never {@code null}
	 */
	String deviceId();

}
