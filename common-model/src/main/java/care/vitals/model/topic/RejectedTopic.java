package care.vitals.model.topic;

import java.util.Objects;

import care.vitals.model.rejection.RejectReason;

/**
 * The dead-letter topic {@code ingest/rejected/{reason}}.
 *
 * @param reason the rejection reason; never {@code null}
 */
public record RejectedTopic(RejectReason reason) implements ParsedTopic {

	/**
	 * Validates the reason.
	 */
	public RejectedTopic {
		Objects.requireNonNull(reason, "reason");
	}

	/**
	 * Returns the topic string.
	 * @return the topic
	 */
	public String topic() {
		return Topics.rejected(this.reason);
	}

}
