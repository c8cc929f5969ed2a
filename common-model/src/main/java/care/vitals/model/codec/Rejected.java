package care.vitals.model.codec;

import java.util.Objects;

import care.vitals.model.rejection.Rejection;

/**
 * A measurement message rejected as a whole for a structural fault (see
 * {@link DecodeResult}); nothing of it is stored except the dead letter. An impossible
 * value alone never leads here: it is a {@link RejectedValue} of a {@link Decoded}.
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
