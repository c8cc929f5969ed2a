package care.vitals.burden;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Phase;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Scenario;

/**
 * One bed of the simulated ward.
 *
 * @param bed the bed number, from 1
 * @param patient the pseudonymised patient id
 * @param profile the patient's profile
 * @param scenario the patient's scripted course
 * @param scenarioStart when the scenario's timeline starts, from the start of the run
 * @param devices the devices attached to the patient (the first is the bedside monitor)
 */
record BedPlan(int bed, String patient, Profile profile, Scenario scenario, Duration scenarioStart,
		List<DeviceKind> devices) {

	/**
	 * The scenarios that are deteriorations (the others are stable or artefacts only).
	 */
	static final Set<Scenario> DETERIORATIONS = Set.of(Scenario.SEPSIS, Scenario.RESPIRATORY_DETERIORATION,
			Scenario.BRADYCARDIA_AF, Scenario.HYPOTHERMIA, Scenario.HAEMORRHAGE, Scenario.OPIOID_OVERSEDATION);

	BedPlan {
		devices = List.copyOf(devices);
	}

	boolean deteriorates() {
		return DETERIORATIONS.contains(this.scenario);
	}

	/**
	 * The scripted start: the start of the scenario's first phase (the first
	 * physiological change), from the start of the run. Not the clinical onset
	 * ({@link Judge#onset}): the courses ramp in over 20-120 minutes.
	 * @return the scripted start, or {@code null} for a bed that does not deteriorate
	 */
	Duration scriptedStart() {
		return deteriorates() ? this.scenarioStart.plus(this.scenario.timeline().get(0).at()) : null;
	}

	/**
	 * The end of the scripted course: the end of the last ramp of its timeline, from the
	 * start of the run.
	 * @return the end, or {@code null} for a bed that does not deteriorate
	 */
	Duration courseEnd() {
		if (!deteriorates()) {
			return null;
		}
		Duration end = Duration.ZERO;
		for (Phase phase : this.scenario.timeline()) {
			Duration phaseEnd = phase.at().plus(phase.ramp());
			end = (phaseEnd.compareTo(end) > 0) ? phaseEnd : end;
		}
		return this.scenarioStart.plus(end);
	}

}
