package care.vitals.ingest.inbound;

import java.util.List;
import java.util.Optional;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.AssignmentCodec;
import care.vitals.model.codec.Outcome;

import org.springframework.stereotype.Component;

/**
 * {@code assignments/{deviceId}} (retained; empty = discharged): extends the device's
 * assignment history, in arrival order, and tells the clinical engine who moved.
 */
@Component
public class AssignmentIntake {

	private final AssignmentCodec codec;

	private final AssignmentHistory history;

	private final ClinicalEngine clinical;

	private final boolean clinicalEnabled;

	private final Rejections rejections;

	private final IngestMetrics metrics;

	AssignmentIntake(DecodeProperties decode, AssignmentHistory history, ClinicalEngine clinical,
			ClinicalProperties clinicalProperties, Rejections rejections, IngestMetrics metrics) {
		this.codec = new AssignmentCodec(decode.limits());
		this.history = history;
		this.clinical = clinical;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.rejections = rejections;
		this.metrics = metrics;
	}

	public Envelope accept(String device, InboundMessage message) {
		this.metrics.received("assignments");
		Outcome<Optional<Assignment>> outcome = this.codec.decode(message.payload());
		if (outcome instanceof Outcome.Failed<Optional<Assignment>> failed) {
			return this.rejections.envelope(failed.rejection(), device, message);
		}
		Optional<Assignment> next = ((Outcome.Ok<Optional<Assignment>>) outcome).value();
		Optional<Assignment> previous = this.history.current(device);
		boolean changed = next.isPresent() ? this.history.assign(device, next.get())
				: this.history.discharge(device, message.receivedAt());
		List<String> lines = List.of();
		if (this.clinicalEnabled && changed && !previous.equals(next)) {
			boolean stillMonitored = previous.isPresent() && this.history.isMonitored(previous.get().patient());
			lines = this.clinical.onAssignment(device, previous, next, stillMonitored);
		}
		return new Envelope(lines, message.ack(), null, null);
	}

}
