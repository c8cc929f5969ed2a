package care.vitals.ingest.storage;

import java.time.Instant;

/**
 * The durable record of a dead letter: one line in the {@code rejected} measurement,
 * tagged by reason and device, with the topic, the reason's detail and the payload as
 * safe, truncated strings. Tag values are codes and validated ids only, so a payload can
 * never create new series, tags or measurements.
 */
public final class RejectedLines {

	/** Longest payload kept in the record, in characters. */
	public static final int MAX_PAYLOAD_CHARS = 4096;

	private RejectedLines() {
	}

	/**
	 * @param reason reason code ({@code [a-z_]+})
	 * @param device a validated device id, or null when the topic held none
	 */
	public static String line(String reason, String device, String topic, String detail, byte[] payload, Instant time) {
		return LineBuilder.measurement("rejected")
			.tag("reason", reason)
			.tag("device", (device != null) ? device : "invalid")
			.field("topic", SafeText.of(topic, 256))
			.field("detail", SafeText.of(detail, 512))
			.field("payload", SafeText.of(payload, MAX_PAYLOAD_CHARS))
			.field("size", payload.length)
			.time(UniqueTimestamps.of("rejected|" + reason + "|" + device, time))
			.build();
	}

}
