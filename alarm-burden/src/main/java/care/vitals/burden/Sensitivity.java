package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;

/**
 * How one scripted deterioration was found.
 *
 * @param bed the bed
 * @param onset the scripted onset (first physiological change)
 * @param criterion when the ground truth first met an alarm condition, or {@code null}
 * @param firstAlarm the first clinical alarm signal at or after the onset, or
 * {@code null}
 * @param firstTrue the first clinical alarm signal at or after the onset whose condition
 * was true, or {@code null}
 */
record Sensitivity(BedPlan bed, Instant onset, Instant criterion, AlarmRecord firstAlarm, AlarmRecord firstTrue) {

	static final Duration TARGET = Duration.ofMinutes(15);

	/** Time from the onset to the first true alarm, or {@code null} if none. */
	Duration fromOnset() {
		return (this.firstTrue != null) ? Duration.between(this.onset, this.firstTrue.at()) : null;
	}

	/** Time from the criterion to the first true alarm, or {@code null}. */
	Duration fromCriterion() {
		return (this.firstTrue != null && this.criterion != null)
				? Duration.between(this.criterion, this.firstTrue.at()) : null;
	}

	boolean alarmed() {
		return this.firstTrue != null;
	}

	boolean withinTargetOfOnset() {
		return alarmed() && fromOnset().compareTo(TARGET) <= 0;
	}

	boolean withinTargetOfCriterion() {
		Duration delay = fromCriterion();
		return delay != null && delay.compareTo(TARGET) <= 0;
	}

}
