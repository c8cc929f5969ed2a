package care.vitals.ingest.inbound;

import java.util.List;
import java.util.Optional;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.model.codec.Outcome;
import care.vitals.model.codec.PatientSettingsCodec;
import care.vitals.model.settings.PatientSettings;

import org.springframework.stereotype.Component;

/**
 * {@code patients/{patient}/settings} (retained; empty = back to defaults): the SpO2
 * scale and limit overrides a clinician set.
 */
@Component
public class SettingsIntake {

	private final PatientSettingsCodec codec;

	private final ClinicalEngine clinical;

	private final boolean clinicalEnabled;

	private final Rejections rejections;

	private final IngestMetrics metrics;

	SettingsIntake(DecodeProperties decode, ClinicalEngine clinical, ClinicalProperties clinicalProperties,
			Rejections rejections, IngestMetrics metrics) {
		this.codec = new PatientSettingsCodec(decode.limits());
		this.clinical = clinical;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.rejections = rejections;
		this.metrics = metrics;
	}

	public Envelope accept(String patient, InboundMessage message) {
		this.metrics.received("settings");
		Outcome<Optional<PatientSettings>> outcome = this.codec.decode(patient, message.payload());
		if (outcome instanceof Outcome.Failed<Optional<PatientSettings>> failed) {
			return this.rejections.envelope(failed.rejection(), null, message);
		}
		Optional<PatientSettings> settings = ((Outcome.Ok<Optional<PatientSettings>>) outcome).value();
		if (!this.clinicalEnabled) {
			return new Envelope(List.of(), message.ack(), null, null);
		}
		List<String> lines = settings.map(this.clinical::apply).orElseGet(() -> this.clinical.reset(patient));
		return new Envelope(lines, message.ack(), null, null);
	}

}
