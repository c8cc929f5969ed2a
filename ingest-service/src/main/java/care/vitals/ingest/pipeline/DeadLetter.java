package care.vitals.ingest.pipeline;

/**
 * A message that could not be stored as data, with the reason. Its durable record is a
 * line in the {@code rejected} measurement, written in the same batch as the data; this
 * copy is republished on {@code ingest/rejected/{reason}} once that batch is durable.
 *
 * @param reason stable reason code (e.g. {@code malformed_json})
 * @param detail human-readable explanation
 * @param topic the topic it arrived on
 * @param payload the original payload
 */
public record DeadLetter(String reason, String detail, String topic, byte[] payload) {
}
