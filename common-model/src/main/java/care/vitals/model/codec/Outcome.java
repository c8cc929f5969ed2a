package care.vitals.model.codec;

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
	 * The message decoded.
	 *
	 * @param <T> the decoded type
	 * @param value the decoded value; never {@code null}
	 */
	record Ok<T>(T value) implements Outcome<T> {

		/**
		 * Validates the value.
		 */
		public Ok {
			Objects.requireNonNull(value, "value");
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
