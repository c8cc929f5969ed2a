package care.vitals.ingest.mqtt;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.context.AssignmentRegistry;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.DeadLetter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.ingest.storage.Lines;
import care.vitals.ingest.storage.RejectedLines;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.AssignmentCodec;
import care.vitals.model.codec.Decoded;
import care.vitals.model.codec.DecodeResult;
import care.vitals.model.codec.DeviceEventCodec;
import care.vitals.model.codec.DeviceStatusCodec;
import care.vitals.model.codec.MeasurementDecoder;
import care.vitals.model.codec.Outcome;
import care.vitals.model.codec.PatientSettingsCodec;
import care.vitals.model.codec.Rejected;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import care.vitals.model.settings.PatientSettings;
import care.vitals.model.topic.AssignmentTopic;
import care.vitals.model.topic.EventsTopic;
import care.vitals.model.topic.InvalidTopic;
import care.vitals.model.topic.MeasurementsTopic;
import care.vitals.model.topic.ParsedTopic;
import care.vitals.model.topic.SettingsTopic;
import care.vitals.model.topic.StatusTopic;
import care.vitals.model.topic.Topics;

import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Runs on the MQTT callback thread: decodes and validates a message (CPU only, no I/O),
 * takes the patient context from the device's assignment, and hands the resulting lines
 * to the {@link BatchWriter}. The device id always comes from the topic. Bad input never
 * throws: it becomes a dead letter with a reason.
 */
@Component
class InboundMessageHandler implements MessageHandler {

	private final MeasurementDecoder measurements;

	private final DeviceStatusCodec statuses;

	private final DeviceEventCodec events;

	private final AssignmentCodec assignmentCodec;

	private final PatientSettingsCodec settingsCodec;

	private final AssignmentRegistry assignments;

	private final BatchWriter writer;

	private final IngestMetrics metrics;

	private final ClinicalEngine clinical;

	private final boolean clinicalEnabled;

	private final Clock clock;

	private final DeviceMessagesAdapter adapter;

	InboundMessageHandler(DecodeProperties decode, AssignmentRegistry assignments, BatchWriter writer,
			IngestMetrics metrics, ClinicalEngine clinical, ClinicalProperties clinicalProperties, Clock clock,
			DeviceMessagesAdapter adapter) {
		this.measurements = new MeasurementDecoder(decode.limits(), clock);
		this.statuses = new DeviceStatusCodec(decode.limits());
		this.events = new DeviceEventCodec(decode.limits(), clock);
		this.assignmentCodec = new AssignmentCodec(decode.limits());
		this.settingsCodec = new PatientSettingsCodec(decode.limits());
		this.assignments = assignments;
		this.writer = writer;
		this.metrics = metrics;
		this.clinical = clinical;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.clock = clock;
		this.adapter = adapter;
	}

	@Override
	public void handleMessage(Message<?> message) {
		String topic = message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class);
		byte[] payload = (byte[]) message.getPayload();
		SimpleAcknowledgment ack = this.adapter.whileConnected(StaticMessageHeaderAccessor.getAcknowledgment(message),
				this.metrics::ackDropped);
		Instant receivedAt = Instant.now(this.clock);
		Envelope envelope = toEnvelope(Topics.parse(topic), topic, payload, contentType(message), receivedAt, ack);
		try {
			this.writer.submit(envelope);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MessagingException(message, "Interrupted while handing over; the broker redelivers", ex);
		}
	}

	Envelope toEnvelope(ParsedTopic parsed, String topic, byte[] payload, String contentType, Instant receivedAt,
			SimpleAcknowledgment ack) {
		if (parsed instanceof MeasurementsTopic measurementsTopic) {
			return measurements(measurementsTopic.deviceId(), topic, payload, contentType, receivedAt, ack);
		}
		if (parsed instanceof StatusTopic statusTopic) {
			this.metrics.received("status");
			String device = statusTopic.deviceId();
			return stored(this.statuses.decode(device, payload), (status, assignment) -> {
				List<String> lines = new ArrayList<>();
				lines.add(Lines.status(status, assignment, receivedAt));
				if (this.clinicalEnabled && assignment.isPresent()) {
					lines.addAll(this.clinical.onStatus(assignment.get(), status, receivedAt));
				}
				return lines;
			}, device, topic, payload, receivedAt, ack);
		}
		if (parsed instanceof EventsTopic eventsTopic) {
			this.metrics.received("events");
			String device = eventsTopic.deviceId();
			return stored(this.events.decode(device, payload, receivedAt), (event, assignment) -> {
				List<String> lines = new ArrayList<>();
				lines.add(Lines.event(event, assignment));
				if (this.clinicalEnabled && assignment.isPresent()) {
					lines.addAll(this.clinical.onEvent(assignment.get(), event));
				}
				return lines;
			}, device, topic, payload, receivedAt, ack);
		}
		if (parsed instanceof AssignmentTopic assignmentTopic) {
			return assignment(assignmentTopic.deviceId(), topic, payload, receivedAt, ack);
		}
		if (parsed instanceof SettingsTopic settingsTopic) {
			return settings(settingsTopic.patient(), topic, payload, receivedAt, ack);
		}
		Rejection rejection = (parsed instanceof InvalidTopic invalid) ? invalid.rejection()
				: new Rejection(RejectReason.INVALID_TOPIC, "not a topic the ingest consumes");
		return reject(rejection, null, topic, payload, receivedAt, ack);
	}

	private Envelope measurements(String device, String topic, byte[] payload, String contentType, Instant receivedAt,
			SimpleAcknowledgment ack) {
		this.metrics.received("measurements");
		DecodeResult result = this.measurements.decode(device, payload, contentType, receivedAt);
		if (result instanceof Rejected rejected) {
			return reject(rejected.rejection(), device, topic, payload, receivedAt, ack);
		}
		List<Reading> readings = ((Decoded) result).readings();
		Optional<Assignment> assignment = this.assignments.current(device);
		List<String> lines = new ArrayList<>(readings.size());
		Instant newest = null;
		for (Reading reading : readings) {
			lines.add(Lines.vitals(reading, assignment));
			if (this.clinicalEnabled && assignment.isPresent()) {
				lines.addAll(this.clinical.onReading(assignment.get(), reading));
			}
			if (newest == null || reading.timestamp().isAfter(newest)) {
				newest = reading.timestamp();
			}
		}
		return new Envelope(lines, ack, null, newest);
	}

	private <T> Envelope stored(Outcome<T> outcome, BiFunction<T, Optional<Assignment>, List<String>> lines,
			String device, String topic, byte[] payload, Instant receivedAt, SimpleAcknowledgment ack) {
		if (outcome instanceof Outcome.Ok<T> ok) {
			return new Envelope(lines.apply(ok.value(), this.assignments.current(device)), ack, null, null);
		}
		return reject(((Outcome.Failed<T>) outcome).rejection(), device, topic, payload, receivedAt, ack);
	}

	private Envelope assignment(String device, String topic, byte[] payload, Instant receivedAt,
			SimpleAcknowledgment ack) {
		this.metrics.received("assignments");
		Outcome<Optional<Assignment>> outcome = this.assignmentCodec.decode(payload);
		if (outcome instanceof Outcome.Ok<Optional<Assignment>> ok) {
			Optional<Assignment> previous = this.assignments.current(device);
			ok.value()
				.ifPresentOrElse((a) -> this.assignments.assign(device, a), () -> this.assignments.discharge(device));
			List<String> lines = List.of();
			if (this.clinicalEnabled && !previous.equals(ok.value())) {
				boolean stillMonitored = previous.isPresent() && this.assignments.isMonitored(previous.get().patient());
				lines = this.clinical.onAssignment(device, previous, ok.value(), stillMonitored);
			}
			return new Envelope(lines, ack, null, null);
		}
		return reject(((Outcome.Failed<Optional<Assignment>>) outcome).rejection(), device, topic, payload, receivedAt,
				ack);
	}

	private Envelope settings(String patient, String topic, byte[] payload, Instant receivedAt,
			SimpleAcknowledgment ack) {
		this.metrics.received("settings");
		Outcome<Optional<PatientSettings>> outcome = this.settingsCodec.decode(patient, payload);
		if (outcome instanceof Outcome.Ok<Optional<PatientSettings>> ok) {
			if (!this.clinicalEnabled) {
				return new Envelope(List.of(), ack, null, null);
			}
			List<String> lines = ok.value().map(this.clinical::apply).orElseGet(() -> this.clinical.reset(patient));
			return new Envelope(lines, ack, null, null);
		}
		return reject(((Outcome.Failed<Optional<PatientSettings>>) outcome).rejection(), null, topic, payload,
				receivedAt, ack);
	}

	private Envelope reject(Rejection rejection, String device, String topic, byte[] payload, Instant receivedAt,
			SimpleAcknowledgment ack) {
		String reason = rejection.reason().code();
		this.metrics.rejected(reason);
		String line = RejectedLines.line(reason, device, topic, rejection.detail(), payload, receivedAt);
		return new Envelope(List.of(line), ack, new DeadLetter(reason, rejection.detail(), topic, payload), null);
	}

	private static String contentType(Message<?> message) {
		Object value = message.getHeaders().get(MessageHeaders.CONTENT_TYPE);
		return (value != null) ? value.toString() : null;
	}

}
