package care.vitals.ingest.inbound;

import java.util.List;
import java.util.Optional;

import care.vitals.ingest.pipeline.Envelope;
import care.vitals.model.codec.Outcome;
import care.vitals.model.codec.PatientObservationsCodec;
import care.vitals.model.observation.PatientObservations;

import org.springframework.stereotype.Component;

/**
 * {@code patients/{patient}/observations} (retained; empty = discharged): the recent
 * staff observations of a patient, applied to the NEWS2 window as staff-sourced values,
 * on every instance and after every restart. Their {@code vitals} lines were written
 * once, by the instance whose API recorded them.
 */
@Component
public class ObservationsIntake {

	private final PatientObservationsCodec codec;

	private final IntakeContext context;

	ObservationsIntake(IntakeContext context) {
		this.codec = new PatientObservationsCodec(context.limits);
		this.context = context;
	}

	public Envelope accept(String patient, InboundMessage message) {
		this.context.metrics.received("observations");
		Outcome<Optional<PatientObservations>> outcome = this.codec.decode(patient, message.payload());
		if (outcome instanceof Outcome.Failed<Optional<PatientObservations>> failed) {
			return this.context.rejections.envelope(failed.rejection(), null, message);
		}
		Optional<PatientObservations> observations = ((Outcome.Ok<Optional<PatientObservations>>) outcome).value();
		if (!this.context.clinicalEnabled) {
			return new Envelope(List.of(), message.ack(), null, null);
		}
		if (observations.isEmpty()) {
			this.context.clinical.clearObservations(patient);
			return new Envelope(List.of(), message.ack(), null, null);
		}
		List<String> lines = this.context.lines(this.context.clinical
			.received(this.context.history.location(patient).orElse(null), observations.get()));
		return new Envelope(lines, message.ack(), null, null);
	}

}
