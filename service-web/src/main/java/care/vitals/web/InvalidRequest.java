package care.vitals.web;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The request asks for something invalid (400, {@link ProblemType#INVALID_REQUEST}): the
 * client must change it; retrying the same request fails the same way.
 */
public non-sealed class InvalidRequest extends ProblemException {

	private final Map<String, String> errors;

	/**
	 * Creates the exception.
	 * @param detail what is wrong
	 */
	public InvalidRequest(String detail) {
		this(detail, Map.of());
	}

	/**
	 * Creates the exception, naming the fields at fault.
	 * @param detail what is wrong
	 * @param errors the message per field, answered as the problem's {@code errors}
	 */
	public InvalidRequest(String detail, Map<String, String> errors) {
		super(ProblemType.INVALID_REQUEST, detail, null);
		this.errors = Map.copyOf(errors);
	}

	/**
	 * Returns the message per field.
	 * @return field errors, empty if none were named
	 */
	public Map<String, String> errors() {
		return this.errors;
	}

	/**
	 * Builds or checks something from request input, at the API boundary, where an
	 * {@link IllegalArgumentException} of the domain's validation (an invalid id, a
	 * threshold rule without limits) is the client's mistake. Only around request input:
	 * an {@code IllegalArgumentException} from deeper down is a fault (500).
	 * @param <T> what is built
	 * @param validation builds it, throwing {@code IllegalArgumentException} if the input
	 * is invalid
	 * @return what was built
	 * @throws InvalidRequest with the validation's message if the input is invalid
	 */
	public static <T> T validating(Supplier<T> validation) {
		try {
			return validation.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest(ex.getMessage());
		}
	}

}
