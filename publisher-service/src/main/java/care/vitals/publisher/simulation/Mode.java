package care.vitals.publisher.simulation;

/**
 * How devices reach the broker.
 */
public enum Mode {

	/**
	 * Each device has its own MQTT connection, client id, account, retained status and
	 * Last Will; batteries drain, connections drop and come back with backfill.
	 */
	REALISTIC,

	/**
	 * Many logical devices share a few connections and publish as fast as the target rate
	 * asks: for benchmarks.
	 */
	LOAD

}
