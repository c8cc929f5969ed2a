package care.vitals.model.codec;

import java.util.Objects;

import care.vitals.model.rejection.Rejection;

/**
 * A measurement message rejected as a whole; nothing of it is stored except the dead
 * letter.
 *
 * @param rejection why; never {@code null}
 */
public record Rejected(Rejection rejection) implements DecodeResult {

	/**
	 * Validates the rejection.
	 */
	public Rejected {
		Objects.requireNonNull(rejection, "rejection");
	}

}
