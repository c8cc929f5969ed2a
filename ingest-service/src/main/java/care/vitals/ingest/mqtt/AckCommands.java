package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;

import care.vitals.ingest.clinical.AckRelay;
import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.model.id.Identifiers;
import care.vitals.model.topic.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * Acknowledgements between instances on {@value Topics#CLINICAL_ACKS}
 * ({@code <alarmId> <user>}, QoS 1, not retained): a standby forwards what its API was
 * asked; the owner of the clinical output applies it as if asked itself, and its bed list
 * carries the acknowledgement back to every instance. Acknowledging is idempotent, so a
 * redelivered command changes nothing.
 */
final class AckCommands implements AckRelay {

	private static final Log logger = LogFactory.getLog(AckCommands.class);

	private final MessageChannel out;

	private final ClinicalEngine clinical;

	private final ClinicalOutput output;

	private final BatchWriter writer;

	AckCommands(MessageChannel out, ClinicalEngine clinical, ClinicalOutput output, BatchWriter writer) {
		this.out = out;
		this.clinical = clinical;
		this.output = output;
		this.writer = writer;
	}

	@Override
	public void forward(String alarmId, String user) {
		byte[] command = (Identifiers.requireValid(alarmId, "alarm id") + " " + Identifiers.requireValid(user, "user"))
			.getBytes(StandardCharsets.UTF_8);
		this.out.send(MessageBuilder.withPayload(command)
			.setHeader(MqttHeaders.TOPIC, Topics.CLINICAL_ACKS)
			.setHeader(MqttHeaders.QOS, 1)
			.setHeader(MqttHeaders.RETAINED, false)
			.build());
	}

	/** A command arrived on the state session: the owner applies it. */
	void received(byte[] payload) {
		if (!this.output.owns()) {
			return;
		}
		String[] parts = new String(payload, StandardCharsets.UTF_8).trim().split(" ");
		if (parts.length != 2 || !Identifiers.isValid(parts[0]) || !Identifiers.isValid(parts[1])) {
			logger.warn("Ignored a malformed acknowledgement command on " + Topics.CLINICAL_ACKS);
			return;
		}
		List<String> lines = this.clinical.acknowledge(parts[0], parts[1]).map(this.output::lines).orElseGet(() -> {
			logger.info("Acknowledgement of " + parts[0] + " by " + parts[1] + ": no such active alarm here");
			return List.of();
		});
		this.writer.store(lines);
	}

}
