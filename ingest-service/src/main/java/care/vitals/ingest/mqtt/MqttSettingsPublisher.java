package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientSettingsCodec;
import care.vitals.model.settings.PatientSettings;
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
 * Publishes patient settings retained on {@code patients/{patient}/settings},
 * synchronously: the API answers only once the broker has them.
 */
@Component
class MqttSettingsPublisher implements SettingsPublisher {

	private final PatientSettingsCodec codec = new PatientSettingsCodec(DecodeLimits.defaults());

	private final MessageChannel out;

	MqttSettingsPublisher(@Qualifier("mqttOut") MessageChannel out) {
		this.out = out;
	}

	@Override
	public void publish(PatientSettings settings) {
		send(settings.patient(), message(settings.patient(), this.codec.encode(settings)));
	}

	@Override
	public void clear(String patient) {
		send(patient, message(patient, this.codec.encodeDefaults()));
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
		throw new Unavailable("The MQTT broker did not take the settings of patient " + patient
				+ "; they are unchanged: check the current state and try again.", failure);
	}

	private static Message<byte[]> message(String patient, byte[] payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(MqttHeaders.TOPIC, Topics.settings(patient))
			.setHeader(MqttHeaders.QOS, 1)
			.setHeader(MqttHeaders.RETAINED, true)
			.build();
	}

}
