package care.vitals.ingest.mqtt;

import java.time.Clock;
import java.time.Instant;

import care.vitals.ingest.inbound.DeviceEventIntake;
import care.vitals.ingest.inbound.DeviceStatusIntake;
import care.vitals.ingest.inbound.InboundMessage;
import care.vitals.ingest.inbound.MeasurementIntake;
import care.vitals.ingest.inbound.Received;
import care.vitals.ingest.inbound.Rejections;
import care.vitals.ingest.inbound.Scope;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import care.vitals.model.topic.DeviceTopic;
import care.vitals.model.topic.EventsTopic;
import care.vitals.model.topic.InvalidTopic;
import care.vitals.model.topic.MeasurementsTopic;
import care.vitals.model.topic.ParsedTopic;
import care.vitals.model.topic.StatusTopic;
import care.vitals.model.topic.Topics;

import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;

/**
 * Runs on the device session's callback thread: routes each device message by its topic
 * kind to its intake (CPU only, no I/O: decoding, attribution, stored lines) and hands
 * the result to the session's {@link ClinicalIntake} thread, which evaluates it and
 * passes it on to the {@link BatchWriter} (or, in a scope that does not evaluate,
 * straight to the writer). The device id always comes from the topic. Bad input never
 * throws: it becomes a dead letter with a reason.
 */
class InboundMessageHandler implements MessageHandler {

	private final MeasurementIntake measurements;

	private final DeviceStatusIntake statuses;

	private final DeviceEventIntake events;

	private final Rejections rejections;

	private final BatchWriter writer;

	private final IngestMetrics metrics;

	private final Clock clock;

	private final DeviceMessagesAdapter adapter;

	private final Scope scope;

	private final ClinicalIntake clinical;

	/**
	 * @param clinical the thread that runs the evaluations of a scope that evaluates, or
	 * {@code null} to hand every message straight to the writer
	 */
	InboundMessageHandler(MeasurementIntake measurements, DeviceStatusIntake statuses, DeviceEventIntake events,
			Rejections rejections, BatchWriter writer, IngestMetrics metrics, Clock clock,
			DeviceMessagesAdapter adapter, Scope scope, ClinicalIntake clinical) {
		this.measurements = measurements;
		this.statuses = statuses;
		this.events = events;
		this.rejections = rejections;
		this.writer = writer;
		this.metrics = metrics;
		this.clock = clock;
		this.adapter = adapter;
		this.scope = scope;
		this.clinical = clinical;
	}

	@Override
	public void handleMessage(Message<?> message) {
		String topic = message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class);
		byte[] payload = (byte[]) message.getPayload();
		SimpleAcknowledgment ack = this.adapter.whileConnected(StaticMessageHeaderAccessor.getAcknowledgment(message),
				this.metrics::ackDropped);
		InboundMessage inbound = new InboundMessage(topic, (payload != null) ? payload : new byte[0],
				contentType(message), Instant.now(this.clock), ack);
		Received received = route(Topics.parse(topic), inbound,
				Boolean.TRUE.equals(message.getHeaders().get(MqttHeaders.RECEIVED_RETAINED)));
		try {
			if (this.clinical != null) {
				this.clinical.hand(received);
			}
			else {
				this.writer.submit(received.evaluated());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MessagingException(message, "Interrupted while handing over; the broker redelivers", ex);
		}
	}

	/**
	 * @param retained whether the message came from the broker's retained store (the
	 * subscriptions ask for no retained copy of measurements and events; a broker that
	 * sends one anyway gets it dead-lettered, never ingested twice)
	 */
	Received route(ParsedTopic parsed, InboundMessage message, boolean retained) {
		if (retained && (parsed instanceof MeasurementsTopic || parsed instanceof EventsTopic)) {
			String device = ((DeviceTopic) parsed).deviceId();
			return Received.stored(this.rejections.envelope(new Rejection(RejectReason.RETAINED_MESSAGE,
					"a retained copy of an earlier message, not a new one: publish measurements and events with retain off"),
					device, message, this.scope));
		}
		if (parsed instanceof MeasurementsTopic topic) {
			return this.measurements.accept(topic.deviceId(), message, this.scope);
		}
		if (parsed instanceof StatusTopic topic) {
			return this.statuses.accept(topic.deviceId(), message, this.scope);
		}
		if (parsed instanceof EventsTopic topic) {
			return this.events.accept(topic.deviceId(), message, this.scope);
		}
		Rejection rejection = (parsed instanceof InvalidTopic invalid) ? invalid.rejection()
				: new Rejection(RejectReason.INVALID_TOPIC, "not a topic the ingest consumes");
		return Received.stored(this.rejections.envelope(rejection, null, message, this.scope));
	}

	private static String contentType(Message<?> message) {
		Object value = message.getHeaders().get(MessageHeaders.CONTENT_TYPE);
		return (value != null) ? value.toString() : null;
	}

}
