package care.vitals.ingest.pipeline;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import org.springframework.integration.acks.SimpleAcknowledgment;

/**
 * One received message on its way to durable storage: the line protocol it becomes, how
 * to acknowledge it to the broker once durable, and its dead letter if it was rejected.
 * Its lines never change: the writer thread reads them after the threads that built them.
 *
 * @param lines line protocol to write (may be empty, e.g. for an assignment update)
 * @param ack broker acknowledgment, or null when the message needs none
 * @param deadLetter the rejection to republish once durable, or null
 * @param deviceTime the newest device timestamp it carries (for lag metrics), or null
 */
public record Envelope(List<String> lines, SimpleAcknowledgment ack, DeadLetter deadLetter, Instant deviceTime) {

	public Envelope {
		lines = (lines instanceof Owned) ? lines : List.copyOf(lines);
	}

	/**
	 * An envelope that takes the list of lines over instead of copying it (the intakes
	 * build every message's lines on the hot path): for a list the caller has just built
	 * and never changes, nor hands to anyone, afterwards. The envelope's lines cannot be
	 * changed through it.
	 * @param lines the lines, none {@code null}; the caller gives the list up
	 * @param ack broker acknowledgment, or null when the message needs none
	 * @param deadLetter the rejection to republish once durable, or null
	 * @param deviceTime the newest device timestamp it carries, or null
	 * @return the envelope
	 */
	public static Envelope owning(List<String> lines, SimpleAcknowledgment ack, DeadLetter deadLetter,
			Instant deviceTime) {
		return new Envelope(new Owned(lines), ack, deadLetter, deviceTime);
	}

	/**
	 * This envelope with other lines, which it takes over as {@link #owning} does (e.g.
	 * its own lines followed by the clinical output of the message).
	 * @param lines the lines, none {@code null}; the caller gives the list up
	 * @return the envelope with the same acknowledgment, dead letter and device time
	 */
	public Envelope withLines(List<String> lines) {
		return owning(lines, this.ack, this.deadLetter, this.deviceTime);
	}

	/** Lines only the envelope holds: a read-only view of a list nobody changes. */
	private static final class Owned extends AbstractList<String> implements RandomAccess {

		private final List<String> lines;

		Owned(List<String> lines) {
			// List.copyOf refuses null lines too
			lines.forEach(Objects::requireNonNull);
			this.lines = lines;
		}

		@Override
		public String get(int index) {
			return this.lines.get(index);
		}

		@Override
		public int size() {
			return this.lines.size();
		}

	}

}
