package care.vitals.ingest.inbound;

import java.util.List;

import care.vitals.ingest.pipeline.DeadLetter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.ingest.storage.RejectedLines;
import care.vitals.model.rejection.Rejection;

import org.springframework.stereotype.Component;

/**
 * Turns a rejected message into its envelope: the durable {@code rejected} line, the
 * counter, and the dead letter republished once durable. Shared by every intake.
 */
@Component
public class Rejections {

	private final IngestMetrics metrics;

	public Rejections(IngestMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * @param rejection why
	 * @param device the device named by the topic, or {@code null}
	 * @param message the message
	 * @return the envelope that stores and acknowledges it
	 */
	/**
	 * A rejected message: stored and dead-lettered in a scope that stores, only
	 * acknowledged in one that does not (the storing session rejects the same message).
	 */
	public Envelope envelope(Rejection rejection, String device, InboundMessage message, Scope scope) {
		if (!scope.stores()) {
			return new Envelope(List.of(), message.ack(), null, null);
		}
		return envelope(rejection, device, message);
	}

	/**
	 * The parts of a kept status or event that were removed alone (a status time out of
	 * range, an unknown sensor): one {@code rejected} line and one count per part, and
	 * one dead letter for the message, in a scope that stores.
	 * @param parts the rejected parts, may be empty
	 * @param lines where the {@code rejected} lines go
	 * @return the dead letter, or {@code null} if there is none
	 */
	public DeadLetter parts(List<Rejection> parts, String device, InboundMessage message, Scope scope,
			List<String> lines) {
		if (parts.isEmpty() || !scope.stores()) {
			return null;
		}
		StringBuilder detail = new StringBuilder();
		for (Rejection part : parts) {
			String reason = part.reason().code();
			this.metrics.rejected(reason);
			lines.add(RejectedLines.line(reason, device, message.topic(), part.detail(), message.payload(),
					message.receivedAt()));
			detail.append((detail.length() > 0) ? "; " : "").append(part.detail());
		}
		return new DeadLetter(parts.get(0).reason().code(), detail.toString(), message.topic(), message.payload());
	}

	public Envelope envelope(Rejection rejection, String device, InboundMessage message) {
		String reason = rejection.reason().code();
		this.metrics.rejected(reason);
		String line = RejectedLines.line(reason, device, message.topic(), rejection.detail(), message.payload(),
				message.receivedAt());
		return new Envelope(List.of(line), message.ack(),
				new DeadLetter(reason, rejection.detail(), message.topic(), message.payload()), null);
	}

}
