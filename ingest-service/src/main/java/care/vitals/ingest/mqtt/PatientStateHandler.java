package care.vitals.ingest.mqtt;

import java.time.Clock;
import java.time.Instant;

import care.vitals.ingest.inbound.AssignmentIntake;
import care.vitals.ingest.inbound.InboundMessage;
import care.vitals.ingest.inbound.ObservationsIntake;
import care.vitals.ingest.inbound.Rejections;
import care.vitals.ingest.inbound.SettingsIntake;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import care.vitals.model.topic.AlarmTopic;
import care.vitals.model.topic.AssignmentTopic;
import care.vitals.model.topic.ObservationsTopic;
import care.vitals.model.topic.ParsedTopic;
import care.vitals.model.topic.SettingsTopic;
import care.vitals.model.topic.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Runs on the state session's callback thread: routes assignments, settings and staff
 * observations to their intakes, the bed alarm lists found at start to
 * {@link AlarmRestore}, and the sync marker to {@link PatientStateSync}. What the intakes
 * produce (alarm transitions, NEWS2) goes to the same writer as the data; the state
 * itself is retained at the broker, so these messages are acknowledged on receipt.
 */
@Component
class PatientStateHandler implements MessageHandler {

	private final AssignmentIntake assignments;

	private final SettingsIntake settings;

	private final ObservationsIntake observations;

	private final Rejections rejections;

	private final PatientStateSync sync;

	private final AlarmRestore restore;

	private final BatchWriter writer;

	private final Clock clock;

	private final ObjectProvider<ClinicalLease> lease;

	private final ObjectProvider<AckCommands> acks;

	PatientStateHandler(AssignmentIntake assignments, SettingsIntake settings, ObservationsIntake observations,
			Rejections rejections, PatientStateSync sync, AlarmRestore restore, BatchWriter writer, Clock clock,
			ObjectProvider<ClinicalLease> lease, ObjectProvider<AckCommands> acks) {
		this.lease = lease;
		this.acks = acks;
		this.assignments = assignments;
		this.settings = settings;
		this.observations = observations;
		this.rejections = rejections;
		this.sync = sync;
		this.restore = restore;
		this.writer = writer;
		this.clock = clock;
	}

	@Override
	public void handleMessage(Message<?> message) {
		String topic = message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class);
		byte[] payload = (message.getPayload() instanceof byte[] bytes) ? bytes : new byte[0];
		this.sync.touch();
		if (this.sync.topic().equals(topic)) {
			this.sync.arrived(payload);
			return;
		}
		if (Topics.CLINICAL_OWNER.equals(topic)) {
			String tag = message.getHeaders().get(LeaseValue.TAG_PROPERTY, String.class);
			String owning = message.getHeaders().get(LeaseValue.OWNING_PROPERTY, String.class);
			this.lease.ifAvailable((l) -> l.seen(payload, tag, owning));
			return;
		}
		if (Topics.CLINICAL_ACKS.equals(topic)) {
			this.acks.ifAvailable((a) -> a.received(payload));
			return;
		}
		ParsedTopic parsed = Topics.parse(topic);
		if (parsed instanceof AlarmTopic) {
			offer(topic, payload, Boolean.TRUE.equals(message.getHeaders().get(MqttHeaders.RECEIVED_RETAINED)));
			return;
		}
		InboundMessage inbound = new InboundMessage(topic, payload, null, Instant.now(this.clock), null);
		try {
			this.writer.submit(route(parsed, inbound));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MessagingException(message, "Interrupted while handing over", ex);
		}
	}

	/**
	 * A bed's alarm list: kept for the restore at start while the state session
	 * synchronises (only its retained copy counts); afterwards the owner's publications
	 * (this instance's own, or on a standby the owner's, whose identities it adopts).
	 */
	private void offer(String topic, byte[] payload, boolean retainedCopy) {
		if (payload.length == 0) {
			return;
		}
		if (this.sync.isSynced()) {
			this.restore.published(topic, payload);
		}
		else {
			this.restore.decode(topic, payload).ifPresent((list) -> this.restore.offer(topic, list, retainedCopy));
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
