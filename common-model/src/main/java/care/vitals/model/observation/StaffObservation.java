package care.vitals.model.observation;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import care.vitals.model.id.Identifiers;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;

/**
 * One set of observations a member of staff made and entered: a level of consciousness
 * (ACVPU), whether the patient is on supplemental oxygen (with the delivery device and
 * flow where given) and manual vital signs, at the time they were observed.
 * <p>
 * A clinician's entry wins over device values of the same parameter until a newer staff
 * entry or until it is no longer fresh (docs/clinical.md).
 *
 * @param observedAt when the observation was made (not when it was entered); never
 * {@code null}
 * @param observer the user who entered it, a valid identifier; never {@code null}
 * @param values manual vital signs in stored units, each possible for its parameter
 * (heart rate, respiration rate, SpO2, temperature, blood pressure); never {@code null},
 * may be empty
 * @param oxygen {@code true} on supplemental oxygen, {@code false} on air, or
 * {@code null} if not observed
 * @param oxygenDevice how oxygen is delivered (e.g. {@code nasal_cannula},
 * {@code venturi_28}), a valid identifier, or {@code null}
 * @param oxygenFlow oxygen flow in L/min (0-60), or {@code null}
 * @param consciousness the ACVPU level, or {@code null} if not observed
 */
public record StaffObservation(Instant observedAt, String observer, Map<Parameter, Double> values, Boolean oxygen,
		String oxygenDevice, Double oxygenFlow, Consciousness consciousness) {

	/** Highest oxygen flow accepted, L/min. */
	public static final double MAX_FLOW = 60;

	/**
	 * Validates the observation.
	 * @throws IllegalArgumentException if a component is invalid or nothing was observed
	 */
	public StaffObservation {
		Objects.requireNonNull(observedAt, "observedAt");
		Identifiers.requireValid(observer, "observer");
		Map<Parameter, Double> copy = new EnumMap<>(Parameter.class);
		Objects.requireNonNull(values, "values").forEach((parameter, value) -> {
			if (parameter.loinc() == null) {
				throw new IllegalArgumentException(parameter + " is not a vital sign staff can enter");
			}
			if (value == null || !parameter.isPlausible(value)) {
				throw new IllegalArgumentException(
						parameter + " value " + value + " is outside its possible range " + parameter.plausibleRange());
			}
			copy.put(parameter, value);
		});
		values = Collections.unmodifiableMap(copy);
		if (oxygenDevice != null) {
			Identifiers.requireValid(oxygenDevice, "oxygen device");
		}
		if (oxygenFlow != null && !(oxygenFlow >= 0 && oxygenFlow <= MAX_FLOW)) {
			throw new IllegalArgumentException("oxygen flow must be 0-" + (int) MAX_FLOW + " L/min, not " + oxygenFlow);
		}
		if ((oxygenDevice != null || oxygenFlow != null) && !Boolean.TRUE.equals(oxygen)) {
			throw new IllegalArgumentException("an oxygen device or flow needs oxygen true");
		}
		if (values.isEmpty() && oxygen == null && consciousness == null) {
			throw new IllegalArgumentException("give consciousness, oxygen or a vital sign");
		}
	}

	/**
	 * Returns the observation as a reading for the NEWS2 window (its source is the
	 * observer, not a device).
	 * @param readingId the identifier the reading carries in place of a device id
	 * @return the reading
	 */
	public Reading asReading(String readingId) {
		return new Reading(readingId, this.observedAt, null, this.values, this.oxygen, this.consciousness);
	}

}
