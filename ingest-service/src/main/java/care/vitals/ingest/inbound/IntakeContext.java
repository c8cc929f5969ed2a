package care.vitals.ingest.inbound;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.Outcome;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.patient.DeviceClocks;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.DecodeLimits;

import org.springframework.stereotype.Component;

/**
 * What every intake works with: the decoding limits and clock, the owners of patient
 * truth (assignment history, device clocks, the clinical engine), the dead-letter builder
 * and the metrics.
 */
@Component
final class IntakeContext {

	final DecodeLimits limits;

	final Clock clock;

	final AssignmentHistory history;

	final DeviceClocks clocks;

	final ClinicalEngine clinical;

	final ClinicalOutput output;

	/** Whether NEWS2 and alarms are computed. */
	final boolean clinicalEnabled;

	final Rejections rejections;

	final IngestMetrics metrics;

	IntakeContext(DecodeProperties decode, Clock clock, AssignmentHistory history, DeviceClocks clocks,
			ClinicalEngine clinical, ClinicalOutput output, ClinicalProperties clinicalProperties,
			Rejections rejections, IngestMetrics metrics) {
		this.limits = decode.limits();
		this.clock = clock;
		this.history = history;
		this.clocks = clocks;
		this.clinical = clinical;
		this.output = output;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.rejections = rejections;
		this.metrics = metrics;
	}

	/**
	 * Evaluates with the clinical engine if the device is still the patient's and the
	 * patient is admitted: where the patient is now and the evaluation are one step (see
	 * {@link ClinicalEngine#exclusive}). A buffered reading or event of a device that has
	 * since moved to another patient is stored on the patient it was taken from but not
	 * evaluated (its device state would outlive the assignment and hold alarms no device
	 * can end).
	 * @param device the device
	 * @param patient the patient the input is attributed to
	 * @param work the evaluation, given the patient's current bed
	 * @return the lines it produced, empty if not evaluated (or on a standby)
	 */
	List<String> evaluate(String device, String patient, Function<Assignment, Outcome> work) {
		return this.clinical.exclusive(() -> this.history.current(device)
			.filter((now) -> now.patient().equals(patient))
			.flatMap((now) -> this.history.location(patient))
			.map(work)
			.map(this.output::lines)
			.orElse(List.of()));
	}

	/** The lines of an outcome, on the owner of the clinical output. */
	List<String> lines(Outcome outcome) {
		return this.output.lines(outcome);
	}

}
