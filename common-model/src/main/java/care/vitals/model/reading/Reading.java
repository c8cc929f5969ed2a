package care.vitals.model.reading;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import care.vitals.model.id.Identifiers;
import care.vitals.model.parameter.Parameter;

/**
 * A set of values one device measured at one instant, in stored units (see
 * {@link Parameter#storedUnit()}).
 * <p>
 * A reading carries at least one value or one flag (a nurse may record only the level of
 * consciousness). Plausibility is checked by the decoders, not here; this record only
 * guarantees structural validity.
 *
 * @param deviceId the device that measured, a valid identifier (see {@link Identifiers});
 * never {@code null}
 * @param timestamp when the values were measured; never {@code null}
 * @param sequence the device's message sequence number for gap detection, non-negative,
 * or {@code null} if the device sends none
 * @param values the values by parameter, in stored units, finite; unmodifiable and in
 * insertion order; never {@code null}, may be empty only if a flag is set
 * @param oxygen {@code true} if the patient is on supplemental oxygen, {@code false} on
 * air, {@code null} if not reported
 * @param consciousness the ACVPU level, or {@code null} if not reported
 */
public record Reading(String deviceId, Instant timestamp, Long sequence, Map<Parameter, Double> values, Boolean oxygen,
		Consciousness consciousness) {

	/**
	 * Validates the reading and copies the values into an unmodifiable, insertion-ordered
	 * map (not copied again if they are another reading's).
	 * @throws IllegalArgumentException if a component is invalid
	 */
	public Reading {
		Identifiers.requireValid(deviceId, "device id");
		Objects.requireNonNull(timestamp, "timestamp");
		if (sequence != null && sequence < 0) {
			throw new IllegalArgumentException("sequence must not be negative");
		}
		Objects.requireNonNull(values, "values");
		values = ReadingValues.copyOf(values);
		if (values.isEmpty() && oxygen == null && consciousness == null) {
			throw new IllegalArgumentException("a reading needs at least one value or flag");
		}
	}

	/**
	 * Creates a reading of values only, without sequence number or flags.
	 * @param deviceId the device
	 * @param timestamp when measured
	 * @param values the values in stored units, at least one
	 * @return the reading
	 */
	public static Reading of(String deviceId, Instant timestamp, Map<Parameter, Double> values) {
		return new Reading(deviceId, timestamp, null, values, null, null);
	}

	/**
	 * Returns the value of one parameter.
	 * @param parameter the parameter
	 * @return the value in the stored unit, or empty if this reading has none
	 */
	public OptionalDouble value(Parameter parameter) {
		Double value = this.values.get(parameter);
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}

}
