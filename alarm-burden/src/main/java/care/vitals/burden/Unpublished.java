package care.vitals.burden;

import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.settings.PatientSettings;

/**
 * The broker's retained copies of settings and staff observations, which a single
 * in-process engine does not need: the engine applies its own changes after publishing.
 */
final class Unpublished implements SettingsPublisher, ObservationsPublisher {

	@Override
	public void publish(PatientSettings settings) {
	}

	@Override
	public void publish(PatientObservations observations) {
	}

	@Override
	public void clear(String patient) {
	}

}
