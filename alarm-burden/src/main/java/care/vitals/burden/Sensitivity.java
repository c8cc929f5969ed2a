package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;

/**
 * How one scripted deterioration was found.
 *
 * @param bed the bed
 * @param start the scripted start (the course's first physiological change)
 * @param onset the clinical onset ({@link Judge#onset}), or {@code null} if the
 * noise-free physiology never warranted a response within the run
 * @param criterion when the artefact-free truth (with its noise) first met an alarm
 * condition in half of the seconds of a minute ({@link Judge#criterion}; the previous
 * definition, kept for comparison), or {@code null}
 * @param firstAlarm the first clinical alarm signal at or after the scripted start, or
 * {@code null}
 * @param firstTrue the first clinical alarm signal at or after the scripted start whose
 * condition was true in the artefact-free truth, or {@code null}
 */
record Sensitivity(BedPlan bed, Instant start, Judge.Onset onset, Instant criterion, AlarmRecord firstAlarm,
		AlarmRecord firstTrue) {

	static final Duration TARGET = Duration.ofMinutes(15);

	/** Time from the clinical onset to the first true alarm, or {@code null}. */
	Duration fromOnset() {
		return (this.firstTrue != null && this.onset != null) ? Duration.between(this.onset.at(), this.firstTrue.at())
				: null;
	}

	/** Time from the scripted start to the first true alarm, or {@code null} if none. */
	Duration fromStart() {
		return (this.firstTrue != null) ? Duration.between(this.start, this.firstTrue.at()) : null;
	}

	/** Time from the criterion to the first true alarm, or {@code null}. */
	Duration fromCriterion() {
		return (this.firstTrue != null && this.criterion != null)
				? Duration.between(this.criterion, this.firstTrue.at()) : null;
	}

	boolean alarmed() {
		return this.firstTrue != null;
	}

	/**
	 * Whether the first true alarm came at most {@link #TARGET} after the clinical onset
	 * (an alarm before the onset counts as within).
	 */
	boolean withinTargetOfOnset() {
		Duration delay = fromOnset();
		return delay != null && delay.compareTo(TARGET) <= 0;
	}

	boolean withinTargetOfStart() {
		return alarmed() && fromStart().compareTo(TARGET) <= 0;
	}

	boolean withinTargetOfCriterion() {
		Duration delay = fromCriterion();
		return delay != null && delay.compareTo(TARGET) <= 0;
	}

}
