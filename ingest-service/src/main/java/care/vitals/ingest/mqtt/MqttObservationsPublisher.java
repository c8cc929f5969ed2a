package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientObservationsCodec;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.topic.Topics;
import care.vitals.web.Unavailable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Publishes staff observations retained on {@code patients/{patient}/observations},
 * synchronously: the API answers only once the broker has them.
 */
@Component
class MqttObservationsPublisher implements ObservationsPublisher {

	private final PatientObservationsCodec codec = new PatientObservationsCodec(DecodeLimits.defaults());

	private final MessageChannel out;

	MqttObservationsPublisher(@Qualifier("mqttOut") MessageChannel out) {
		this.out = out;
	}

	@Override
	public void publish(PatientObservations observations) {
		send(observations.patient(), message(observations.patient(), this.codec.encode(observations)));
	}

	@Override
	public void clear(String patient) {
		send(patient, message(patient, this.codec.encodeNone()));
	}

	/**
	 * Sends and returns once the broker has it; if it does not, the API answers 503 and
	 * nothing is changed (the caller applies the change only after this returns).
	 */
	private void send(String patient, Message<byte[]> message) {
		MessagingException failure = null;
		try {
			if (this.out.send(message)) {
				return;
			}
		}
		catch (MessagingException ex) {
			failure = ex;
		}
		throw new Unavailable("The MQTT broker did not take the staff observations of patient " + patient
				+ "; they are unchanged: check the current state and try again.", failure);
	}

	private static Message<byte[]> message(String patient, byte[] payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(MqttHeaders.TOPIC, Topics.observations(patient))
			.setHeader(MqttHeaders.QOS, 1)
			.setHeader(MqttHeaders.RETAINED, true)
			.build();
	}

}
