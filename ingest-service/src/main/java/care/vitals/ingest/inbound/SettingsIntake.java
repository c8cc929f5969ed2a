package care.vitals.ingest.inbound;

import java.util.List;
import java.util.Optional;

import care.vitals.ingest.pipeline.Envelope;
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

	private final IntakeContext context;

	SettingsIntake(IntakeContext context) {
		this.codec = new PatientSettingsCodec(context.limits);
		this.context = context;
	}

	public Envelope accept(String patient, InboundMessage message) {
		this.context.metrics.received("settings");
		Outcome<Optional<PatientSettings>> outcome = this.codec.decode(patient, message.payload());
		if (outcome instanceof Outcome.Failed<Optional<PatientSettings>> failed) {
			return this.context.rejections.envelope(failed.rejection(), null, message);
		}
		Optional<PatientSettings> settings = ((Outcome.Ok<Optional<PatientSettings>>) outcome).value();
		if (!this.context.clinicalEnabled) {
			return new Envelope(List.of(), message.ack(), null, null);
		}
		List<String> lines = this.context
			.lines(settings.map(this.context.clinical::apply).orElseGet(() -> this.context.clinical.reset(patient)));
		return new Envelope(lines, message.ack(), null, null);
	}

}
