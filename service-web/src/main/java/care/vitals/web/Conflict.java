package care.vitals.web;

/**
 * The current state forbids the request (409, {@link ProblemType#CONFLICT}): the patient
 * is not admitted, the simulation is already stopped, the id is in use. Retrying helps
 * only once the state has changed.
 */
public non-sealed class Conflict extends ProblemException {

	/**
	 * Creates the exception.
	 * @param detail what conflicts
	 */
	public Conflict(String detail) {
		super(ProblemType.CONFLICT, detail, null);
	}

}
