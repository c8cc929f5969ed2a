package care.vitals.ingest.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.patient.Attribution;
import care.vitals.ingest.patient.DeviceClocks;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.ingest.storage.Lines;
import care.vitals.model.codec.DeviceEventCodec;
import care.vitals.model.codec.Outcome;
import care.vitals.model.device.DeviceEvent;

import java.time.Clock;

import org.springframework.stereotype.Component;

/**
 * {@code devices/{deviceId}/events}: technical events (probe off, artefact, battery),
 * attributed like readings by their own time, corrected by the device's measured clock
 * offset, so a probe-off and the readings it makes artefact line up.
 */
@Component
public class DeviceEventIntake {

	private final DeviceEventCodec codec;

	private final AssignmentHistory history;

	private final DeviceClocks clocks;

	private final ClinicalEngine clinical;

	private final boolean clinicalEnabled;

	private final Rejections rejections;

	private final IngestMetrics metrics;

	DeviceEventIntake(DecodeProperties decode, Clock clock, AssignmentHistory history, DeviceClocks clocks,
			ClinicalEngine clinical, ClinicalProperties clinicalProperties, Rejections rejections,
			IngestMetrics metrics) {
		this.codec = new DeviceEventCodec(decode.limits(), clock);
		this.history = history;
		this.clocks = clocks;
		this.clinical = clinical;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.rejections = rejections;
		this.metrics = metrics;
	}

	public Envelope accept(String device, InboundMessage message) {
		this.metrics.received("events");
		Outcome<DeviceEvent> outcome = this.codec.decode(device, message.payload(), message.receivedAt());
		if (outcome instanceof Outcome.Failed<DeviceEvent> failed) {
			return this.rejections.envelope(failed.rejection(), device, message);
		}
		DeviceEvent event = ((Outcome.Ok<DeviceEvent>) outcome).value();
		Duration offset = this.clocks.offset(device);
		DeviceEvent corrected = offset.isZero() ? event
				: new DeviceEvent(event.deviceId(), event.kind(), event.ts().plus(offset), event.details());
		Attribution attribution = this.history.at(device, corrected.ts());
		List<String> lines = new ArrayList<>();
		lines.add(Lines.event(event, attribution));
		if (this.clinicalEnabled && attribution instanceof Attribution.Assigned assigned) {
			this.history.location(assigned.assignment().patient())
				.ifPresent((bed) -> lines.addAll(this.clinical.onEvent(bed, corrected)));
		}
		return new Envelope(lines, message.ack(), null, null);
	}

}
