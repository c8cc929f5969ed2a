package care.vitals.model.topic;

import java.util.Objects;

import care.vitals.model.rejection.Rejection;

/**
 * A topic that is not part of the scheme or carries an invalid identifier. The reason is
 * {@link care.vitals.model.rejection.RejectReason#INVALID_DEVICE_ID} for a bad device id
 * and {@link care.vitals.model.rejection.RejectReason#INVALID_TOPIC} for anything else.
 *
 * @param rejection why the topic is invalid; never {@code null}
 */
public record InvalidTopic(Rejection rejection) implements ParsedTopic {

	/**
	 * Validates the rejection.
	 */
	public InvalidTopic {
		Objects.requireNonNull(rejection, "rejection");
	}

}
