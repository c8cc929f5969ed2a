package care.vitals.publisher.physiology;

import java.time.Duration;

/**
 * One step of a scenario timeline.
 *
 * @param name what happens, for people reading the timeline
 * @param at when the phase starts, from the start of the scenario
 * @param ramp how long its numeric changes take to reach their full size (zero: at once)
 * @param shift what it changes
 */
public record Phase(String name, Duration at, Duration ramp, Shift shift) {

	/**
	 * Returns how far the phase has progressed.
	 * @param elapsed time since the start of the scenario
	 * @return 0 before the phase, 1 once its ramp is over, linear in between
	 */
	double progress(Duration elapsed) {
		if (elapsed.compareTo(this.at) < 0) {
			return 0;
		}
		if (this.ramp.isZero()) {
			return 1;
		}
		double done = (elapsed.minus(this.at).toMillis()) / (double) this.ramp.toMillis();
		return Math.min(1, done);
	}

	boolean started(Duration elapsed) {
		return elapsed.compareTo(this.at) >= 0;
	}

}
