package care.vitals.model.assignment;

import java.time.Instant;
import java.util.Objects;

import care.vitals.model.id.Identifiers;

/**
 * The current assignment of a device to a patient, ward and bed, published retained on
 * {@code assignments/{deviceId}} (an empty retained payload means discharged). Only
 * pseudonymised identifiers are allowed: no names (GDPR Art. 4(5)).
 *
 * @param patient the pseudonymised patient id, a valid identifier other than
 * {@value #UNASSIGNED_PATIENT}; never {@code null}
 * @param ward the ward, a valid identifier; never {@code null}
 * @param bed the bed, a valid identifier; never {@code null}
 * @param since when the assignment started; never {@code null}
 */
public record Assignment(String patient, String ward, String bed, Instant since) {

	/**
	 * The patient tag readings from an unassigned device are stored with; reserved, so no
	 * real assignment may use it.
	 */
	public static final String UNASSIGNED_PATIENT = "unassigned";

	/**
	 * Validates the assignment.
	 * @throws IllegalArgumentException if a component is invalid
	 */
	public Assignment {
		Identifiers.requireValid(patient, "patient");
		if (UNASSIGNED_PATIENT.equals(patient)) {
			throw new IllegalArgumentException("patient id '" + UNASSIGNED_PATIENT + "' is reserved");
		}
		Identifiers.requireValid(ward, "ward");
		Identifiers.requireValid(bed, "bed");
		Objects.requireNonNull(since, "since");
	}

}
