package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientSettingsCodec;
import care.vitals.model.settings.PatientSettings;
import care.vitals.model.topic.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * Publishes patient settings retained on {@code patients/{patient}/settings}: a change
 * synchronously (the API answers only once the broker has it), the clearing on discharge
 * fire-and-forget.
 */
@Component
class MqttSettingsPublisher implements SettingsPublisher {

	private static final Log logger = LogFactory.getLog(MqttSettingsPublisher.class);

	private final PatientSettingsCodec codec = new PatientSettingsCodec(DecodeLimits.defaults());

	private final MessageChannel out;

	private final MessageChannel outAsync;

	MqttSettingsPublisher(@Qualifier("mqttOut") MessageChannel out,
			@Qualifier("mqttOutAsync") MessageChannel outAsync) {
		this.out = out;
		this.outAsync = outAsync;
	}

	@Override
	public void publish(PatientSettings settings) {
		this.out.send(message(settings.patient(), this.codec.encode(settings)));
	}

	@Override
	public void clear(String patient) {
		try {
			this.outAsync.send(message(patient, this.codec.encodeDefaults()));
		}
		catch (RuntimeException ex) {
			logger.warn("Settings of discharged patient " + patient + " not cleared: " + ex.getMessage());
		}
	}

	private static Message<byte[]> message(String patient, byte[] payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(MqttHeaders.TOPIC, Topics.settings(patient))
			.setHeader(MqttHeaders.QOS, 1)
			.setHeader(MqttHeaders.RETAINED, true)
			.build();
	}

}
