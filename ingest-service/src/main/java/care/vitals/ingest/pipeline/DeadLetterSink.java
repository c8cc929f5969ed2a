package care.vitals.ingest.pipeline;

/**
 * Republishes dead letters once their durable record is stored (best effort: the
 * {@code rejected} measurement is the record that counts).
 */
@FunctionalInterface
public interface DeadLetterSink {

	void publish(DeadLetter deadLetter);

}
