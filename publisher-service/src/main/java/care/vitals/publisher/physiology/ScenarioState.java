package care.vitals.publisher.physiology;

import care.vitals.model.reading.Consciousness;

/**
 * Where a scenario stands at one moment: the accumulated changes of every phase so far.
 *
 * @param shift the summed numeric changes
 * @param oxygen whether supplemental oxygen is running
 * @param consciousness the ACVPU level
 * @param irregular whether the rhythm is irregular
 * @param artefactFactor the artefact rate multiplier
 */
public record ScenarioState(Shift shift, boolean oxygen, Consciousness consciousness, boolean irregular,
		double artefactFactor) {

}
