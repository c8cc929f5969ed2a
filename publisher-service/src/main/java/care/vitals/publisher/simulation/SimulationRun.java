package care.vitals.publisher.simulation;

/**
 * How a simulation's devices are driven: realistic (a connection per device) or load
 * (shared connections).
 */
interface SimulationRun {

	/**
	 * Connects and starts ticking; returns at once.
	 */
	void start();

	/**
	 * Applies changed settings (a new rate reschedules the ticks).
	 * @param before the settings before the change
	 * @param after the new settings
	 */
	void changed(Settings before, Settings after);

	/**
	 * Stops ticking and ends every connection cleanly: devices report offline.
	 */
	void stop();

	/**
	 * Returns how many connections are up.
	 * @return the count
	 */
	int connected();

	/**
	 * Returns how many connections there are.
	 * @return the count
	 */
	int connections();

}
