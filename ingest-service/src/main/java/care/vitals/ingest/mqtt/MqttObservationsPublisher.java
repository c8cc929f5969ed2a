package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientObservationsCodec;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.topic.Topics;

import org.springframework.stereotype.Component;

/**
 * Publishes staff observations retained on {@code patients/{patient}/observations},
 * synchronously: the API answers only once the broker has them (503 otherwise, nothing
 * changed).
 */
@Component
class MqttObservationsPublisher implements ObservationsPublisher {

	private final PatientObservationsCodec codec = new PatientObservationsCodec(DecodeLimits.defaults());

	private final RetainedPublisher retained;

	MqttObservationsPublisher(RetainedPublisher retained) {
		this.retained = retained;
	}

	@Override
	public void publish(PatientObservations observations) {
		this.retained.publish(Topics.observations(observations.patient()), this.codec.encode(observations),
				"the observations of patient " + observations.patient());
	}

	@Override
	public void clear(String patient) {
		this.retained.publish(Topics.observations(patient), this.codec.encodeNone(),
				"the cleared observations of patient " + patient);
	}

}
