package care.vitals.ingest.mqtt;

import care.vitals.web.Unavailable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Publishes a clinical decision retained (an assignment, settings, staff observations),
 * synchronously: it returns once the broker has it. If the broker does not take it, the
 * caller changes nothing and the API answers 503 (retry): the retained message is the
 * state every instance and every restart reads back.
 */
@Component
public class RetainedPublisher {

	private final MessageChannel out;

	public RetainedPublisher(@Qualifier("mqttOut") MessageChannel out) {
		this.out = out;
	}

	/**
	 * @param topic the topic
	 * @param payload the payload; empty clears the retained message
	 * @param what what it is, for the error ("the settings of patient p-1")
	 * @throws Unavailable if the broker did not take it
	 */
	public void publish(String topic, byte[] payload, String what) {
		MessagingException failure = null;
		try {
			if (this.out.send(MessageBuilder.withPayload(payload)
				.setHeader(MqttHeaders.TOPIC, topic)
				.setHeader(MqttHeaders.QOS, 1)
				.setHeader(MqttHeaders.RETAINED, true)
				.build())) {
				return;
			}
		}
		catch (MessagingException ex) {
			failure = ex;
		}
		throw new Unavailable("The MQTT broker did not take " + what
				+ "; nothing was changed: check the current state and try again.", failure);
	}

}
