package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientObservationsCodec;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.topic.Topics;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
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
		this.out.send(message(observations.patient(), this.codec.encode(observations)));
	}

	@Override
	public void clear(String patient) {
		this.out.send(message(patient, this.codec.encodeNone()));
	}

	private static Message<byte[]> message(String patient, byte[] payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(MqttHeaders.TOPIC, Topics.observations(patient))
			.setHeader(MqttHeaders.QOS, 1)
			.setHeader(MqttHeaders.RETAINED, true)
			.build();
	}

}
