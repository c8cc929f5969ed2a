package care.vitals.publisher.simulation;

import java.time.Duration;

import care.vitals.model.codec.ContentType;
import care.vitals.publisher.physiology.Scenario;

/**
 * The part of a simulation that can change while it runs.
 *
 * @param rate messages per device per second
 * @param format payload format
 * @param qos QoS of measurements
 * @param scenario the current scenario
 * @param scenarioStart when the current scenario started, as time since the start of the
 * simulation
 * @param speed timeline speed
 */
public record Settings(double rate, ContentType format, int qos, Scenario scenario, Duration scenarioStart,
		double speed) {

	/**
	 * Returns the time between two ticks of a device.
	 * @return the period, at least one microsecond
	 */
	public Duration period() {
		return Duration.ofNanos(Math.max(1000, Math.round(1e9 / this.rate)));
	}

	/**
	 * Returns how far the scenario timeline has run.
	 * @param sinceStart time since the start of the simulation
	 * @return the scaled time since the scenario started
	 */
	public Duration scenarioElapsed(Duration sinceStart) {
		Duration inScenario = sinceStart.minus(this.scenarioStart);
		if (inScenario.isNegative()) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(Math.round(inScenario.toMillis() * this.speed));
	}

}
