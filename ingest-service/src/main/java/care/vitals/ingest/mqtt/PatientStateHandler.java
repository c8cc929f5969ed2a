package care.vitals.ingest.mqtt;

import java.time.Clock;
import java.time.Instant;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.inbound.AssignmentIntake;
import care.vitals.ingest.inbound.InboundMessage;
import care.vitals.ingest.inbound.ObservationsIntake;
import care.vitals.ingest.inbound.Rejections;
import care.vitals.ingest.inbound.SettingsIntake;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.Outcome;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import care.vitals.model.topic.AlarmTopic;
import care.vitals.model.topic.AssignmentTopic;
import care.vitals.model.topic.ObservationsTopic;
import care.vitals.model.topic.ParsedTopic;
import care.vitals.model.topic.SettingsTopic;
import care.vitals.model.topic.Topics;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Runs on the state session's callback thread: routes assignments, settings and staff
 * observations to their intakes, the retained alarm lists found at start to the clinical
 * engine (restored with their ids and acknowledgements), and the sync marker to
 * {@link PatientStateSync}. What the intakes produce (alarm transitions, NEWS2) goes to
 * the same writer as the data; the state itself is retained at the broker, so these
 * messages are acknowledged on receipt.
 */
@Component
class PatientStateHandler implements MessageHandler {

	private static final Log logger = LogFactory.getLog(PatientStateHandler.class);

	private final AssignmentIntake assignments;

	private final SettingsIntake settings;

	private final ObservationsIntake observations;

	private final Rejections rejections;

	private final PatientStateSync sync;

	private final BatchWriter writer;

	private final Clock clock;

	private final ClinicalEngine clinical;

	private final AlarmListCodec alarmLists = new AlarmListCodec(DecodeLimits.defaults());

	private final AssignmentHistory history;

	PatientStateHandler(AssignmentIntake assignments, SettingsIntake settings, ObservationsIntake observations,
			Rejections rejections, PatientStateSync sync, BatchWriter writer, Clock clock, ClinicalEngine clinical,
			AssignmentHistory history) {
		this.clinical = clinical;
		this.history = history;
		this.assignments = assignments;
		this.settings = settings;
		this.observations = observations;
		this.rejections = rejections;
		this.sync = sync;
		this.writer = writer;
		this.clock = clock;
	}

	@Override
	public void handleMessage(Message<?> message) {
		String topic = message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class);
		byte[] payload = (message.getPayload() instanceof byte[] bytes) ? bytes : new byte[0];
		if (this.sync.topic().equals(topic)) {
			if (this.sync.arrived(payload)) {
				submit(message,
						new Envelope(this.clinical.releaseUnmonitored(this.history::isMonitored), null, null, null));
			}
			return;
		}
		if (Topics.parse(topic) instanceof AlarmTopic) {
			restore(topic, payload);
			return;
		}
		InboundMessage inbound = new InboundMessage(topic, payload, null, Instant.now(this.clock), null);
		submit(message, route(Topics.parse(topic), inbound));
	}

	private void submit(Message<?> message, Envelope envelope) {
		try {
			this.writer.submit(envelope);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MessagingException(message, "Interrupted while handing over", ex);
		}
	}

	/**
	 * A bed's retained alarm list: restored only while the state session synchronises at
	 * start (the retained copy); afterwards lists are this service's own publications.
	 */
	private void restore(String topic, byte[] payload) {
		if (this.sync.isSynced() || payload.length == 0) {
			return;
		}
		if (this.alarmLists.decode(payload) instanceof Outcome.Ok<AlarmList> ok) {
			int restored = this.clinical.restore(ok.value());
			if (restored > 0) {
				logger.info("Restored " + restored + " active alarm(s) of " + topic);
			}
		}
		else {
			logger.warn("Retained alarm list on " + topic + " not restored: it does not decode");
		}
	}

	private Envelope route(ParsedTopic parsed, InboundMessage message) {
		if (parsed instanceof AssignmentTopic topic) {
			return this.assignments.accept(topic.deviceId(), message);
		}
		if (parsed instanceof SettingsTopic topic) {
			return this.settings.accept(topic.patient(), message);
		}
		if (parsed instanceof ObservationsTopic topic) {
			return this.observations.accept(topic.patient(), message);
		}
		return this.rejections.envelope(new Rejection(RejectReason.INVALID_TOPIC, "not a patient state topic"), null,
				message);
	}

}
