package care.vitals.ingest.inbound;

import java.util.List;
import java.util.Optional;

import care.vitals.ingest.pipeline.Envelope;
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

	private final IntakeContext context;

	AssignmentIntake(IntakeContext context) {
		this.codec = new AssignmentCodec(context.limits);
		this.context = context;
	}

	public Envelope accept(String device, InboundMessage message) {
		this.context.metrics.received("assignments");
		Outcome<Optional<Assignment>> outcome = this.codec.decode(message.payload());
		if (outcome instanceof Outcome.Failed<Optional<Assignment>> failed) {
			return this.context.rejections.envelope(failed.rejection(), device, message);
		}
		Optional<Assignment> next = ((Outcome.Ok<Optional<Assignment>>) outcome).value();
		List<String> lines = this.context.clinical.exclusive(() -> apply(device, next, message));
		return new Envelope(lines, message.ack(), null, null);
	}

	/**
	 * Changes the history and tells the engine, in one step (see
	 * ClinicalEngine#exclusive).
	 */
	private List<String> apply(String device, Optional<Assignment> next, InboundMessage message) {
		Optional<Assignment> previous = this.context.history.current(device);
		boolean changed = next.isPresent() ? this.context.history.assign(device, next.get())
				: this.context.history.discharge(device, message.receivedAt());
		if (!this.context.clinicalEnabled || !changed || previous.equals(next)) {
			return List.of();
		}
		boolean stillMonitored = previous.isPresent() && this.context.history.isMonitored(previous.get().patient());
		return this.context.lines(this.context.clinical.onAssignment(device, previous, next, stillMonitored));
	}

}
