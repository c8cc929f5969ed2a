package care.vitals.model.alarm;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the technical alarms and of artefact suppression.
 * <p>
 * {@link #defaults()}: no data for 60 s; battery below 20 % low priority, below 10 %
 * medium, cleared at 22 % (hysteresis 2 %); artefact settle time 10 s; a sensor fault
 * without its closing event ends with a reading of that sensor at least 30 s after the
 * fault; a sequence-gap alarm resolves after 60 s of gap-free data.
 *
 * @param noDataTimeout how long an assigned, online device may send no reading before
 * {@value AlarmKinds#NO_DATA} is raised; positive; never {@code null}
 * @param batteryLow battery percent below which {@value AlarmKinds#BATTERY_LOW} is raised
 * at low priority; above {@code batteryCritical}, at most 100
 * @param batteryCritical battery percent below which it is medium priority; positive
 * @param batteryHysteresis how far above {@code batteryLow} the battery must come back to
 * clear, percent; zero or positive
 * @param artefactSettle how long after a sensor fault ends its values are still artefact;
 * zero or positive; never {@code null}
 * @param sensorRecovery for devices that never send the closing event: how long after a
 * fault a reading of that sensor counts as the sensor being back; positive; never
 * {@code null}
 * @param sequenceGapHold how long after the last gap an in-sequence reading resolves the
 * {@value AlarmKinds#SEQUENCE_GAP} alarm; zero or positive; never {@code null}
 */
public record TechnicalRules(Duration noDataTimeout, double batteryLow, double batteryCritical,
		double batteryHysteresis, Duration artefactSettle, Duration sensorRecovery, Duration sequenceGapHold) {

	/**
	 * Validates the settings.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public TechnicalRules {
		requirePositive(noDataTimeout, "noDataTimeout");
		if (!(batteryCritical > 0 && batteryCritical < batteryLow && batteryLow <= 100)) {
			throw new IllegalArgumentException("battery limits must satisfy 0 < critical < low <= 100");
		}
		if (!(batteryHysteresis >= 0 && batteryLow + batteryHysteresis <= 100)) {
			throw new IllegalArgumentException("battery hysteresis must be 0 to 100 - low");
		}
		if (Objects.requireNonNull(artefactSettle, "artefactSettle").isNegative()) {
			throw new IllegalArgumentException("artefactSettle must not be negative");
		}
		requirePositive(sensorRecovery, "sensorRecovery");
		if (Objects.requireNonNull(sequenceGapHold, "sequenceGapHold").isNegative()) {
			throw new IllegalArgumentException("sequenceGapHold must not be negative");
		}
	}

	/**
	 * Returns the documented defaults.
	 * @return the defaults
	 */
	public static TechnicalRules defaults() {
		return new TechnicalRules(Duration.ofSeconds(60), 20, 10, 2, Duration.ofSeconds(10), Duration.ofSeconds(30),
				Duration.ofSeconds(60));
	}

	/**
	 * Returns a copy with another no-data timeout.
	 * @param timeout the timeout, positive
	 * @return the new settings
	 */
	public TechnicalRules withNoDataTimeout(Duration timeout) {
		return new TechnicalRules(timeout, this.batteryLow, this.batteryCritical, this.batteryHysteresis,
				this.artefactSettle, this.sensorRecovery, this.sequenceGapHold);
	}

	private static void requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
