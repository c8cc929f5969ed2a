package care.vitals.ingest.clinical;

import care.vitals.model.observation.PatientObservations;
import care.vitals.model.settings.PatientSettings;

/**
 * Publishers that publish nothing, for a clinical engine under test whose settings or
 * observations no one reads.
 */
public final class SilentPublishers {

	/** Takes settings and clears, and publishes nothing. */
	public static final SettingsPublisher SETTINGS = new SettingsPublisher() {
		@Override
		public void publish(PatientSettings settings) {
		}

		@Override
		public void clear(String patient) {
		}
	};

	/** Takes observations and clears, and publishes nothing. */
	public static final ObservationsPublisher OBSERVATIONS = new ObservationsPublisher() {
		@Override
		public void publish(PatientObservations observations) {
		}

		@Override
		public void clear(String patient) {
		}
	};

	private SilentPublishers() {
	}

}
