package care.vitals.publisher.simulation;

import java.util.Map;

import care.vitals.web.InvalidRequest;

/**
 * A request that is well-formed but cannot be carried out as asked (400,
 * {@code invalid-request}, with an {@code errors} object naming each field).
 */
public class InvalidRequestException extends InvalidRequest {

	/**
	 * Creates the exception.
	 * @param message what is wrong
	 * @param errors the message per field
	 */
	public InvalidRequestException(String message, Map<String, String> errors) {
		super(message, errors);
	}

}
