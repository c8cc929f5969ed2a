package care.vitals.ingest.pipeline;

import java.time.Instant;
import java.util.List;

import org.springframework.integration.acks.SimpleAcknowledgment;

/**
 * One received message on its way to durable storage: the line protocol it becomes, how
 * to acknowledge it to the broker once durable, and its dead letter if it was rejected.
 *
 * @param lines line protocol to write (may be empty, e.g. for an assignment update)
 * @param ack broker acknowledgment, or null when the message needs none
 * @param deadLetter the rejection to republish once durable, or null
 * @param deviceTime the newest device timestamp it carries (for lag metrics), or null
 */
public record Envelope(List<String> lines, SimpleAcknowledgment ack, DeadLetter deadLetter, Instant deviceTime) {

	public Envelope {
		lines = List.copyOf(lines);
	}

}
