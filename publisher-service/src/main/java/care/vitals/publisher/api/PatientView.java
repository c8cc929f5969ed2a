package care.vitals.publisher.api;

import java.time.Instant;
import java.util.List;

import care.vitals.publisher.physiology.Baseline;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.simulation.Patient;
import care.vitals.publisher.simulation.Simulation;

/**
 * A simulated patient as the API shows it.
 *
 * @param index the patient index, used in the admit and discharge URLs
 * @param patientId the pseudonymised id in the assignments
 * @param ward the ward
 * @param bed the bed
 * @param admitted whether the patient is admitted
 * @param admittedSince since when, {@code null} if discharged
 * @param profile the profile
 * @param baseline the individual resting values
 * @param devices the patient's device ids
 */
public record PatientView(int index, String patientId, String ward, String bed, boolean admitted, Instant admittedSince,
		Profile profile, Baseline baseline, List<String> devices) {

	static PatientView of(Simulation simulation, Patient patient) {
		List<String> devices = simulation.deviceIds(patient);
		return new PatientView(patient.index(), patient.patientId(), patient.ward(), Integer.toString(patient.bed()),
				patient.admitted(), patient.admittedSince(), patient.model().profile(), patient.model().baseline(),
				devices);
	}

}
