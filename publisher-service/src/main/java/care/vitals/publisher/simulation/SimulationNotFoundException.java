package care.vitals.publisher.simulation;

/**
 * No simulation, patient or device with the given id (404).
 */
public class SimulationNotFoundException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what was not found
	 */
	public SimulationNotFoundException(String message) {
		super(message);
	}

}
