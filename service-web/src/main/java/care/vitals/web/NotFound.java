package care.vitals.web;

/**
 * What the request names does not exist, or no longer (404,
 * {@link ProblemType#NOT_FOUND}): an unknown simulation, alarm, or a patient without a
 * NEWS2 score.
 */
public non-sealed class NotFound extends ProblemException {

	/**
	 * Creates the exception.
	 * @param detail what was not found
	 */
	public NotFound(String detail) {
		super(ProblemType.NOT_FOUND, detail, null);
	}

}
