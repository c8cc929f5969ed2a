package care.vitals.ingest.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import care.vitals.ingest.pipeline.DeadLetter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.storage.Lines;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.DeviceStatusCodec;
import care.vitals.model.codec.Outcome;
import care.vitals.model.device.DeviceStatus;

import org.springframework.stereotype.Component;

/**
 * {@code devices/{deviceId}/status} (retained; also the Last Will): stored with the
 * device's current bed, and passed to the clinical engine (offline, battery) at receive
 * time: a retained status may be old and the Last Will has no time of its own. A
 * {@code ts} outside the decoding window is dropped by the codec (the status is stored at
 * its receive time) and dead-lettered alone.
 */
@Component
public class DeviceStatusIntake {

	private final DeviceStatusCodec codec;

	private final IntakeContext context;

	DeviceStatusIntake(IntakeContext context) {
		this.codec = new DeviceStatusCodec(context.limits, context.clock);
		this.context = context;
	}

	public Received accept(String device, InboundMessage message, Scope scope) {
		if (scope.stores()) {
			this.context.metrics.received("status");
		}
		Outcome<DeviceStatus> outcome = this.codec.decode(device, message.payload());
		if (outcome instanceof Outcome.Failed<DeviceStatus> failed) {
			return Received.stored(this.context.rejections.envelope(failed.rejection(), device, message, scope));
		}
		Outcome.Ok<DeviceStatus> ok = (Outcome.Ok<DeviceStatus>) outcome;
		DeviceStatus status = ok.value();
		Optional<Assignment> assignment = this.context.history.current(device);
		// no list where no line is added (a scope that does not store)
		List<String> lines = scope.stores() ? new ArrayList<>() : List.of();
		if (scope.stores()) {
			lines.add(Lines.status(status, assignment, message.receivedAt()));
		}
		DeadLetter deadLetter = this.context.rejections.parts(ok.rejectedParts(), device, message, scope, lines);
		Envelope envelope = Envelope.owning(lines, message.ack(), deadLetter, null);
		if (!scope.evaluates() || !this.context.clinicalEnabled || assignment.isEmpty()) {
			return Received.stored(envelope);
		}
		// where the device is when the engine takes it, as for a reading
		return new Received(envelope,
				List.of(() -> this.context.history.current(device)
					.map((now) -> this.context.lines(this.context.clinical.onStatus(now, status, message.receivedAt())))
					.orElse(List.of())));
	}

}
