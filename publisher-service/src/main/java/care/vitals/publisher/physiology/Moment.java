package care.vitals.publisher.physiology;

import java.time.Duration;
import java.time.Instant;

/**
 * The time coordinates of one sample.
 *
 * @param sinceStart time since the simulation started (drives the noise)
 * @param scenarioElapsed time since the scenario started, scaled by the simulation speed
 * (drives the timeline)
 * @param wallTime the timestamp of the sample (drives the circadian rhythm)
 */
public record Moment(Duration sinceStart, Duration scenarioElapsed, Instant wallTime) {

	/**
	 * Returns the time since the start in seconds.
	 * @return seconds, with millisecond resolution
	 */
	double seconds() {
		return this.sinceStart.toMillis() / 1000.0;
	}

}
