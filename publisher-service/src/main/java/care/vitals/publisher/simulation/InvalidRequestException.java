package care.vitals.publisher.simulation;

import java.util.Map;

/**
 * A request that is well-formed but cannot be carried out as asked (400).
 */
public class InvalidRequestException extends RuntimeException {

	private final Map<String, String> errors;

	/**
	 * Creates the exception.
	 * @param message what is wrong
	 * @param errors the message per field
	 */
	public InvalidRequestException(String message, Map<String, String> errors) {
		super(message);
		this.errors = Map.copyOf(errors);
	}

	/**
	 * Returns the message per field.
	 * @return field errors
	 */
	public Map<String, String> errors() {
		return this.errors;
	}

}
