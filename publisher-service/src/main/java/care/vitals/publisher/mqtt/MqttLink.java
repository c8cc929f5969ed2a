package care.vitals.publisher.mqtt;

/**
 * One MQTT connection as the simulation sees it: asynchronous publishing that never
 * blocks the caller, and the ways a device can leave the broker.
 */
public interface MqttLink {

	/**
	 * Starts connecting (and keeps retrying until connected or closed); returns at once.
	 */
	void connect();

	/**
	 * Tells whether the connection is up.
	 * @return {@code true} if connected
	 */
	boolean isConnected();

	/**
	 * Counts the connections made so far, reconnections included, so a caller can tell
	 * that the link came back between two looks.
	 * @return the number of successful connections
	 */
	long connections();

	/**
	 * Hands a message to the client without waiting.
	 * @param message the message
	 * @return {@code false} if it was not accepted (not connected, or too many messages
	 * in flight): the caller keeps it
	 */
	boolean publish(OutboundMessage message);

	/**
	 * Returns how many messages are handed over but not yet completed.
	 * @return the count
	 */
	int inFlight();

	/**
	 * Simulates a network failure: the connection ends so that the broker publishes the
	 * Last Will, and no reconnection is attempted until {@link #connect()}.
	 */
	void dropConnection();

	/**
	 * Ends the connection cleanly: publishes {@code last} (if not {@code null} and
	 * connected), waits a moment for messages in flight, disconnects normally (no Last
	 * Will) and releases the client.
	 * @param last a final message, e.g. the offline status, or {@code null}
	 */
	void close(OutboundMessage last);

}
