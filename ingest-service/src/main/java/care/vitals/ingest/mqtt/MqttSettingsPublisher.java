package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientSettingsCodec;
import care.vitals.model.settings.PatientSettings;
import care.vitals.model.topic.Topics;

import org.springframework.stereotype.Component;

/**
 * Publishes patient settings retained on {@code patients/{patient}/settings},
 * synchronously: the API answers only once the broker has them (503 otherwise, nothing
 * changed).
 */
@Component
class MqttSettingsPublisher implements SettingsPublisher {

	private final PatientSettingsCodec codec = new PatientSettingsCodec(DecodeLimits.defaults());

	private final RetainedPublisher retained;

	MqttSettingsPublisher(RetainedPublisher retained) {
		this.retained = retained;
	}

	@Override
	public void publish(PatientSettings settings) {
		this.retained.publish(Topics.settings(settings.patient()), this.codec.encode(settings),
				"the settings of patient " + settings.patient());
	}

	@Override
	public void clear(String patient) {
		this.retained.publish(Topics.settings(patient), this.codec.encodeDefaults(),
				"the cleared settings of patient " + patient);
	}

}
