package care.vitals.publisher.simulation;

/**
 * The request conflicts with the current state (409): the id, devices or beds are in use
 * by a running simulation, or the simulation or patient is already in the asked state.
 */
public class SimulationConflictException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what conflicts
	 */
	public SimulationConflictException(String message) {
		super(message);
	}

}
