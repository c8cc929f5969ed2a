package care.vitals.model.codec;

import java.util.List;
import java.util.Objects;

import care.vitals.model.rejection.Rejection;

/**
 * The result of decoding a status, event or assignment message: either the value or a
 * rejection, like {@link DecodeResult} for measurements.
 *
 * @param <T> the decoded type
 */
public sealed interface Outcome<T> permits Outcome.Ok, Outcome.Failed {

	/**
	 * The message decoded, possibly without a part that was rejected alone (like a
	 * {@link RejectedValue} of a measurement): a status whose {@code ts} is out of range
	 * is kept without it, an event whose {@code sensor} is not allowed is kept without
	 * it.
	 *
	 * @param <T> the decoded type
	 * @param value the decoded value; never {@code null}
	 * @param rejectedParts what was removed and why, in payload order; unmodifiable,
	 * never {@code null}, usually empty
	 */
	record Ok<T>(T value, List<Rejection> rejectedParts) implements Outcome<T> {

		/**
		 * Validates the value and copies the rejected parts.
		 */
		public Ok {
			Objects.requireNonNull(value, "value");
			rejectedParts = List.copyOf(rejectedParts);
		}

		/**
		 * Creates a result without rejected parts.
		 * @param value the decoded value; never {@code null}
		 */
		public Ok(T value) {
			this(value, List.of());
		}

	}

	/**
	 * The message was rejected.
	 *
	 * @param <T> the type that would have been decoded
	 * @param rejection why; never {@code null}
	 */
	record Failed<T>(Rejection rejection) implements Outcome<T> {

		/**
		 * Validates the rejection.
		 */
		public Failed {
			Objects.requireNonNull(rejection, "rejection");
		}

	}

}
