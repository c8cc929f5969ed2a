package care.vitals.publisher.simulation;

import care.vitals.web.NotFound;

/**
 * No simulation, patient or device with the given id (404, {@code not-found}).
 */
public class SimulationNotFoundException extends NotFound {

	/**
	 * Creates the exception.
	 * @param message what was not found
	 */
	public SimulationNotFoundException(String message) {
		super(message);
	}

}
