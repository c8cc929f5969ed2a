package care.vitals.publisher.simulation;

import care.vitals.web.Conflict;

/**
 * The request conflicts with the current state (409, {@code conflict}): the id, devices
 * or beds are in use by a running simulation, or the simulation or patient is already in
 * the asked state.
 */
public class SimulationConflictException extends Conflict {

	/**
	 * Creates the exception.
	 * @param message what conflicts
	 */
	public SimulationConflictException(String message) {
		super(message);
	}

}
