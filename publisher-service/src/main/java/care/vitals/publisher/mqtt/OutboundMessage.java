package care.vitals.publisher.mqtt;

/**
 * A message ready to publish.
 *
 * @param topic the topic
 * @param payload the payload bytes
 * @param qos 0, 1 or 2
 * @param retained whether the broker keeps it as the topic's last message
 * @param contentType the MQTT 5 content type, or {@code null}
 * @param measurement whether it is a measurement (counted in the message rate)
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained, String contentType,
		boolean measurement) {

}
