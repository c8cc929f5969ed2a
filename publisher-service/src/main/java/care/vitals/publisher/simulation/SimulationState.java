package care.vitals.publisher.simulation;

/**
 * Life cycle of a simulation.
 */
public enum SimulationState {

	/** Devices connect and publish. */
	RUNNING,

	/** Stopped through the API or at shutdown; devices reported offline. */
	STOPPED

}
