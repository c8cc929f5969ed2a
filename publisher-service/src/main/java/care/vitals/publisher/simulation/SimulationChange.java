package care.vitals.publisher.simulation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import care.vitals.model.codec.ContentType;
import care.vitals.publisher.physiology.Scenario;

/**
 * A change to a running simulation; absent fields stay as they are, at least one must be
 * present. A new scenario starts its timeline at the next tick.
 *
 * @param rate messages per device per second
 * @param format payload format
 * @param qos QoS of measurements
 * @param scenario the scenario to switch to
 * @param speed timeline speed
 */
public record SimulationChange(@DecimalMin("0.001") @DecimalMax("1000") Double rate, ContentType format,
		@Min(0) @Max(2) Integer qos, Scenario scenario, @DecimalMin("0.01") @DecimalMax("3600") Double speed) {

	boolean isEmpty() {
		return this.rate == null && this.format == null && this.qos == null && this.scenario == null
				&& this.speed == null;
	}

}
