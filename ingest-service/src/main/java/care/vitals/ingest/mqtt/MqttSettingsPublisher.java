package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientSettingsCodec;
import care.vitals.model.settings.PatientSettings;
import care.vitals.model.topic.Topics;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
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
		this.out.send(message(settings.patient(), this.codec.encode(settings)));
	}

	@Override
	public void clear(String patient) {
		this.out.send(message(patient, this.codec.encodeDefaults()));
	}

	private static Message<byte[]> message(String patient, byte[] payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(MqttHeaders.TOPIC, Topics.settings(patient))
			.setHeader(MqttHeaders.QOS, 1)
			.setHeader(MqttHeaders.RETAINED, true)
			.build();
	}

}
