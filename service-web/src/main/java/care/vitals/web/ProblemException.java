package care.vitals.web;

/**
 * What a service throws when a request cannot be answered normally: a closed set of
 * kinds, each one {@link ProblemType}, so the HTTP status is chosen here and in
 * {@link ProblemHandler}, once, and never from a JDK exception type (an
 * {@code IllegalStateException} says the code is wrong, not that the request conflicts).
 * The message is the problem's {@code detail}: written for the client, with no internals.
 * <p>
 * The kinds are {@code non-sealed} so a service may name its own cases (the publisher's
 * {@code SimulationNotFoundException} is a {@link NotFound}); a new kind of answer needs
 * a new permitted class here and a row in the docs.
 */
public abstract sealed class ProblemException extends RuntimeException
		permits InvalidRequest, NotFound, Conflict, Unavailable {

	private final ProblemType type;

	ProblemException(ProblemType type, String detail, Throwable cause) {
		super(detail, cause);
		this.type = type;
	}

	/**
	 * Returns the kind of problem, with its status, type URI and title.
	 * @return the problem type
	 */
	public ProblemType type() {
		return this.type;
	}

	/**
	 * Returns the human-readable explanation of this occurrence.
	 * @return the detail
	 */
	public String detail() {
		return getMessage();
	}

}
