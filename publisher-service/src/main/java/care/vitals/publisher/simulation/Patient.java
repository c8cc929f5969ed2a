package care.vitals.publisher.simulation;

import java.time.Instant;

import care.vitals.model.assignment.Assignment;
import care.vitals.publisher.physiology.PatientModel;

/**
 * A simulated patient: identity, bed, physiology and whether they are admitted.
 */
public final class Patient {

	private final int index;

	private final String patientId;

	private final String ward;

	private final int bed;

	private final PatientModel model;

	private volatile Instant admittedSince;

	Patient(int index, String patientId, String ward, int bed, PatientModel model) {
		this.index = index;
		this.patientId = patientId;
		this.ward = ward;
		this.bed = bed;
		this.model = model;
	}

	/**
	 * Returns the index within the simulation.
	 * @return from 0
	 */
	public int index() {
		return this.index;
	}

	/**
	 * Returns the pseudonymised patient id.
	 * @return the id
	 */
	public String patientId() {
		return this.patientId;
	}

	/**
	 * Returns the ward.
	 * @return the ward
	 */
	public String ward() {
		return this.ward;
	}

	/**
	 * Returns the bed number.
	 * @return the bed
	 */
	public int bed() {
		return this.bed;
	}

	/**
	 * Returns the physiology.
	 * @return the model
	 */
	public PatientModel model() {
		return this.model;
	}

	/**
	 * Tells whether the patient is admitted; devices of a discharged patient send status
	 * but no measurements.
	 * @return {@code true} if admitted
	 */
	public boolean admitted() {
		return this.admittedSince != null;
	}

	/**
	 * Returns since when the patient is admitted.
	 * @return the instant, or {@code null} if discharged
	 */
	public Instant admittedSince() {
		return this.admittedSince;
	}

	Assignment admit(Instant since) {
		this.admittedSince = since;
		return new Assignment(this.patientId, this.ward, Integer.toString(this.bed), since);
	}

	void discharge() {
		this.admittedSince = null;
	}

}
