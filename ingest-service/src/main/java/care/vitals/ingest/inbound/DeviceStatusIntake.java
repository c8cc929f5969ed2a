package care.vitals.ingest.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.ingest.storage.Lines;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.DeviceStatusCodec;
import care.vitals.model.codec.Outcome;
import care.vitals.model.device.DeviceStatus;

import org.springframework.stereotype.Component;

/**
 * {@code devices/{deviceId}/status} (retained; also the Last Will): stored with the
 * device's current bed, and passed to the clinical engine (offline, battery) at receive
 * time: a retained status may be old and the Last Will has no time of its own.
 */
@Component
public class DeviceStatusIntake {

	private final DeviceStatusCodec codec;

	private final AssignmentHistory history;

	private final ClinicalEngine clinical;

	private final boolean clinicalEnabled;

	private final Rejections rejections;

	private final IngestMetrics metrics;

	DeviceStatusIntake(DecodeProperties decode, AssignmentHistory history, ClinicalEngine clinical,
			ClinicalProperties clinicalProperties, Rejections rejections, IngestMetrics metrics) {
		this.codec = new DeviceStatusCodec(decode.limits());
		this.history = history;
		this.clinical = clinical;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.rejections = rejections;
		this.metrics = metrics;
	}

	public Envelope accept(String device, InboundMessage message) {
		this.metrics.received("status");
		Outcome<DeviceStatus> outcome = this.codec.decode(device, message.payload());
		if (outcome instanceof Outcome.Failed<DeviceStatus> failed) {
			return this.rejections.envelope(failed.rejection(), device, message);
		}
		DeviceStatus status = ((Outcome.Ok<DeviceStatus>) outcome).value();
		Optional<Assignment> assignment = this.history.current(device);
		List<String> lines = new ArrayList<>();
		lines.add(Lines.status(status, assignment, message.receivedAt()));
		if (this.clinicalEnabled && assignment.isPresent()) {
			lines.addAll(this.clinical.onStatus(assignment.get(), status, message.receivedAt()));
		}
		return new Envelope(lines, message.ack(), null, null);
	}

}
