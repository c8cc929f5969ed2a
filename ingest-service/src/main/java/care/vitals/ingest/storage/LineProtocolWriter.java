package care.vitals.ingest.storage;

/**
 * Writes a {@link Batch} of line protocol (newline-separated, nanosecond precision) to
 * InfluxDB. Implementations never throw for server or network failures; they report a
 * {@link WriteOutcome}.
 */
public interface LineProtocolWriter extends AutoCloseable {

	WriteOutcome write(Batch batch);

	/** True when the server answers its health endpoint. */
	boolean ping();

	/**
	 * Why InfluxDB answers but refuses writes to this writer's target (HTTP 401, 403 or
	 * 404: wrong credentials, no write permission, database or bucket missing), or
	 * {@code null} if it accepts them or this cannot be told (unreachable: see
	 * {@link #ping()}). Asks the server with an empty write, which InfluxDB checks for
	 * authentication, permission and target before it reads the body, so nothing is
	 * written; the last refused write counts too, until a write succeeds.
	 */
	default String refusal() {
		return null;
	}

	/** Where this writer writes, without secrets, for logs and health. */
	String describe();

	@Override
	default void close() {
	}

}
