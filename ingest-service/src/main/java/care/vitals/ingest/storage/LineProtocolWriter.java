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

	/** Where this writer writes, without secrets, for logs and health. */
	String describe();

	@Override
	default void close() {
	}

}
