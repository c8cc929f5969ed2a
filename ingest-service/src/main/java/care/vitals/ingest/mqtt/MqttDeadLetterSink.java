package care.vitals.ingest.mqtt;

import care.vitals.ingest.pipeline.DeadLetter;
import care.vitals.ingest.pipeline.DeadLetterSink;
import care.vitals.ingest.storage.SafeText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * Republishes a dead letter on {@code ingest/rejected/{reason}}: the original payload,
 * with the reason, its detail and the source topic as MQTT 5 user properties (made
 * printable: MQTT strings may not hold control characters, and Paho's sender thread dies
 * on one). Best effort and never blocking the writer: the channel hands off to a bounded
 * executor, and the durable record is the {@code rejected} measurement.
 */
class MqttDeadLetterSink implements DeadLetterSink {

	private static final Log logger = LogFactory.getLog(MqttDeadLetterSink.class);

	static final String[] USER_PROPERTIES = { "reason", "detail", "source_topic" };

	private final MessageChannel out;

	MqttDeadLetterSink(MessageChannel out) {
		this.out = out;
	}

	@Override
	public void publish(DeadLetter deadLetter) {
		try {
			this.out.send(MessageBuilder.withPayload(deadLetter.payload())
				.setHeader(MqttHeaders.TOPIC, "ingest/rejected/" + deadLetter.reason())
				.setHeader(MqttHeaders.QOS, 1)
				.setHeader("reason", deadLetter.reason())
				.setHeader("detail", SafeText.of(deadLetter.detail(), 512))
				.setHeader("source_topic", SafeText.of(deadLetter.topic(), 256))
				.build());
		}
		catch (RuntimeException ex) {
			logger.warn("Dead letter (" + deadLetter.reason() + ") not republished: " + ex.getMessage());
		}
	}

}
