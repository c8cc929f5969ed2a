package care.vitals.ingest.inbound;

import java.util.List;
import java.util.Optional;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
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

	private final AssignmentHistory history;

	private final ClinicalEngine clinical;

	private final boolean clinicalEnabled;

	private final Rejections rejections;

	private final IngestMetrics metrics;

	ObservationsIntake(DecodeProperties decode, AssignmentHistory history, ClinicalEngine clinical,
			ClinicalProperties clinicalProperties, Rejections rejections, IngestMetrics metrics) {
		this.codec = new PatientObservationsCodec(decode.limits());
		this.history = history;
		this.clinical = clinical;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.rejections = rejections;
		this.metrics = metrics;
	}

	public Envelope accept(String patient, InboundMessage message) {
		this.metrics.received("observations");
		Outcome<Optional<PatientObservations>> outcome = this.codec.decode(patient, message.payload());
		if (outcome instanceof Outcome.Failed<Optional<PatientObservations>> failed) {
			return this.rejections.envelope(failed.rejection(), null, message);
		}
		Optional<PatientObservations> observations = ((Outcome.Ok<Optional<PatientObservations>>) outcome).value();
		if (!this.clinicalEnabled) {
			return new Envelope(List.of(), message.ack(), null, null);
		}
		if (observations.isEmpty()) {
			this.clinical.clearObservations(patient);
			return new Envelope(List.of(), message.ack(), null, null);
		}
		List<String> lines = this.clinical.apply(this.history.location(patient).orElse(null), observations.get());
		return new Envelope(lines, message.ack(), null, null);
	}

}
