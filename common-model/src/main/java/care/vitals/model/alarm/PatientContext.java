package care.vitals.model.alarm;

import java.util.Objects;

import care.vitals.model.assignment.Assignment;
import care.vitals.model.id.Identifiers;

/**
 * Where a patient is now: the key under which the alarm engine keeps its state (the
 * patient) and the labels its alarms carry (ward, bed). Readings follow the patient, not
 * the device.
 *
 * @param patient the pseudonymised patient id, a valid identifier other than
 * {@value Assignment#UNASSIGNED_PATIENT}; never {@code null}
 * @param ward the ward, a valid identifier; never {@code null}
 * @param bed the bed, a valid identifier; never {@code null}
 */
public record PatientContext(String patient, String ward, String bed) {

	/**
	 * Validates the context.
	 * @throws IllegalArgumentException if a component is invalid
	 */
	public PatientContext {
		Identifiers.requireValid(patient, "patient");
		if (Assignment.UNASSIGNED_PATIENT.equals(patient)) {
			throw new IllegalArgumentException("readings of unassigned devices have no alarms");
		}
		Identifiers.requireValid(ward, "ward");
		Identifiers.requireValid(bed, "bed");
	}

	/**
	 * Returns the context of a device's assignment.
	 * @param assignment the assignment; never {@code null}
	 * @return its patient, ward and bed
	 */
	public static PatientContext of(Assignment assignment) {
		Objects.requireNonNull(assignment, "assignment");
		return new PatientContext(assignment.patient(), assignment.ward(), assignment.bed());
	}

	/**
	 * Equal when patient, ward and bed are, as a record's; written out because the engine
	 * compares the context of every input with the one it holds, and the generated
	 * equality (a chain of method handles) took ~3 % of the clinical thread there.
	 */
	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof PatientContext that && this.patient.equals(that.patient)
				&& this.ward.equals(that.ward) && this.bed.equals(that.bed));
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.patient.hashCode() + this.ward.hashCode()) + this.bed.hashCode();
	}

}
