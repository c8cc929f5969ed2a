package care.vitals.ingest.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.ingest.patient.Attribution;
import care.vitals.ingest.patient.DeviceClocks;
import care.vitals.ingest.pipeline.DeadLetter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.storage.Lines;
import care.vitals.model.codec.DeviceEventCodec;
import care.vitals.model.codec.Outcome;
import care.vitals.model.device.DeviceEvent;

import org.springframework.stereotype.Component;

/**
 * {@code devices/{deviceId}/events}: technical events (probe off, artefact, battery),
 * attributed like readings by their own time, corrected by the device's measured clock
 * offset, so a probe-off and the readings it makes artefact line up. The codec admits
 * only the allowlisted kinds and sensors (the kind is a tag value, kind and sensor are
 * in-memory keys of the clinical engine); an unknown sensor is dead-lettered alone and
 * the event kept for the whole device.
 */
@Component
public class DeviceEventIntake {

	private final DeviceEventCodec codec;

	private final IntakeContext context;

	DeviceEventIntake(IntakeContext context) {
		this.codec = new DeviceEventCodec(context.limits, context.clock);
		this.context = context;
	}

	public Received accept(String device, InboundMessage message, Scope scope) {
		if (scope.stores()) {
			this.context.metrics.received("events");
		}
		Outcome<DeviceEvent> outcome = this.codec.decode(device, message.payload(), message.receivedAt());
		if (outcome instanceof Outcome.Failed<DeviceEvent> failed) {
			return Received.stored(this.context.rejections.envelope(failed.rejection(), device, message, scope));
		}
		Outcome.Ok<DeviceEvent> ok = (Outcome.Ok<DeviceEvent>) outcome;
		DeviceEvent event = ok.value();
		Instant wardTime = DeviceClocks.wardTime(event.ts(), this.context.clocks.offset(device), message.receivedAt());
		DeviceEvent corrected = wardTime.equals(event.ts()) ? event
				: new DeviceEvent(event.deviceId(), event.kind(), wardTime, event.details());
		Attribution attribution = this.context.history.at(device, corrected.ts());
		// no list where no line is added (a scope that does not store)
		List<String> lines = scope.stores() ? new ArrayList<>() : List.of();
		if (scope.stores()) {
			lines.add(Lines.event(event, attribution));
		}
		DeadLetter deadLetter = this.context.rejections.parts(ok.rejectedParts(), device, message, scope, lines);
		Envelope envelope = Envelope.owning(lines, message.ack(), deadLetter, null);
		if (scope.evaluates() && this.context.clinicalEnabled && attribution instanceof Attribution.Assigned assigned) {
			return new Received(envelope, List.of(() -> this.context.evaluate(device, assigned.assignment().patient(),
					(bed) -> this.context.clinical.onEvent(bed, corrected))));
		}
		return Received.stored(envelope);
	}

}
