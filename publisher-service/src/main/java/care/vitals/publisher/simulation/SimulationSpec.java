package care.vitals.publisher.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import care.vitals.model.codec.ContentType;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Scenario;

/**
 * A validated simulation request with every default filled in (see
 * {@link SimulationRequest} for the meaning of each field).
 *
 * @param id the simulation id
 * @param mode the mode
 * @param patients number of patients
 * @param ward the ward
 * @param firstBed the first bed number
 * @param deviceKinds devices per patient, without duplicates
 * @param rate messages per device per second
 * @param format payload format
 * @param qos QoS of measurements
 * @param scenario the scenario at the start
 * @param profile the profile, {@code null} for a mixed ward
 * @param seed the seed
 * @param speed timeline speed
 * @param startTime timestamp of the first tick, {@code null} for now
 * @param artefactRate artefact episodes per device and minute
 * @param clockSkew largest device clock error
 * @param disconnectsPerHour network drops per device and hour
 * @param nibpInterval blood pressure interval
 * @param connections shared connections in load mode
 * @param devicePrefix first part of the device ids
 * @param admit whether assignments are published
 */
public record SimulationSpec(String id, Mode mode, int patients, String ward, int firstBed,
		List<DeviceKind> deviceKinds, double rate, ContentType format, int qos, Scenario scenario, Profile profile,
		long seed, double speed, Instant startTime, double artefactRate, Duration clockSkew, double disconnectsPerHour,
		Duration nibpInterval, int connections, String devicePrefix, boolean admit) {

	/**
	 * Returns the number of devices.
	 * @return patients times device kinds
	 */
	public int deviceCount() {
		return this.patients * this.deviceKinds.size();
	}

	/**
	 * Returns the target rate of measurement messages.
	 * @return messages per second over all devices
	 */
	public double targetRate() {
		return deviceCount() * this.rate;
	}

	/**
	 * Returns the last bed number in use.
	 * @return the bed of the last patient
	 */
	public int lastBed() {
		return this.firstBed + this.patients - 1;
	}

}
