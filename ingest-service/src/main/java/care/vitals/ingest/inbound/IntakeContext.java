package care.vitals.ingest.inbound;

import java.time.Clock;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.patient.DeviceClocks;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.model.codec.DecodeLimits;

import org.springframework.stereotype.Component;

/**
 * What every intake works with: the decoding limits and clock, the owners of patient
 * truth (assignment history, device clocks, the clinical engine), the dead-letter builder
 * and the metrics.
 */
@Component
final class IntakeContext {

	final DecodeLimits limits;

	final Clock clock;

	final AssignmentHistory history;

	final DeviceClocks clocks;

	final ClinicalEngine clinical;

	/** Whether NEWS2 and alarms are computed. */
	final boolean clinicalEnabled;

	final Rejections rejections;

	final IngestMetrics metrics;

	IntakeContext(DecodeProperties decode, Clock clock, AssignmentHistory history, DeviceClocks clocks,
			ClinicalEngine clinical, ClinicalProperties clinicalProperties, Rejections rejections,
			IngestMetrics metrics) {
		this.limits = decode.limits();
		this.clock = clock;
		this.history = history;
		this.clocks = clocks;
		this.clinical = clinical;
		this.clinicalEnabled = clinicalProperties.enabled();
		this.rejections = rejections;
		this.metrics = metrics;
	}

}
