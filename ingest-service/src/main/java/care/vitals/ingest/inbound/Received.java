package care.vitals.ingest.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import care.vitals.ingest.pipeline.Envelope;

/**
 * A device message taken in: what is stored and acknowledged, and the clinical
 * evaluations still to run on it, in order. Decoding, attribution and the stored lines
 * are done on the session's callback thread; the evaluations run on the clinical intake
 * thread (one per session, in receive order), so the two overlap while every patient's
 * readings still reach the engine in order (docs/ingest.md, "Two threads per session").
 *
 * @param envelope the stored lines, acknowledgment and dead letter
 * @param evaluations each gives the clinical lines of one evaluation (empty if none)
 */
public record Received(Envelope envelope, List<Supplier<List<String>>> evaluations) {

	public Received {
		evaluations = List.copyOf(evaluations);
	}

	/** Nothing to evaluate. */
	public static Received stored(Envelope envelope) {
		return new Received(envelope, List.of());
	}

	/**
	 * Runs the evaluations in order and returns the envelope with their lines added (the
	 * stored lines and the clinical ones copied once, into a list the new envelope takes
	 * over), or the envelope itself if they added none.
	 * @return the envelope to hand to the writer
	 */
	public Envelope evaluated() {
		List<String> lines = null;
		for (Supplier<List<String>> evaluation : this.evaluations) {
			List<String> more = evaluation.get();
			if (!more.isEmpty()) {
				if (lines == null) {
					lines = new ArrayList<>(this.envelope.lines().size() + more.size());
					lines.addAll(this.envelope.lines());
				}
				lines.addAll(more);
			}
		}
		return (lines != null) ? this.envelope.withLines(lines) : this.envelope;
	}

}
