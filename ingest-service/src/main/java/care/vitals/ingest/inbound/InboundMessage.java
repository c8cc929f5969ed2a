package care.vitals.ingest.inbound;

import java.time.Instant;

import org.springframework.integration.acks.SimpleAcknowledgment;

/**
 * One message as it arrived from the broker, before decoding.
 *
 * @param topic the topic it was published on
 * @param payload the raw payload, never {@code null}
 * @param contentType the MQTT 5 content type, or {@code null}
 * @param receivedAt when it arrived (the ward's time)
 * @param ack how to acknowledge it once durable, or {@code null}
 */
public record InboundMessage(String topic, byte[] payload, String contentType, Instant receivedAt,
		SimpleAcknowledgment ack) {
}
