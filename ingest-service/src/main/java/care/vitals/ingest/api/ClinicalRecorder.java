package care.vitals.ingest.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.Outcome;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.storage.ClinicalLines;
import care.vitals.web.Unavailable;

import org.springframework.stereotype.Component;

/**
 * Stores what an admin action produced, with its activity record, through the same writer
 * (and so the same spool) as the data. Interrupted while the queue is full (the service
 * is shutting down), the change itself may already be in force but its record is not
 * stored: that is 503 with {@code Retry-After} (check the state, then retry, on this
 * instance after its restart or on another), not a conflict of the request.
 */
@Component
class ClinicalRecorder {

	private final BatchWriter writer;

	private final ClinicalOutput output;

	private final Clock clock;

	ClinicalRecorder(BatchWriter writer, ClinicalOutput output, Clock clock) {
		this.writer = writer;
		this.output = output;
		this.clock = clock;
	}

	/** Stores an activity record alone. */
	void record(String kind, String actor, String patient, String ward, String message) {
		record(kind, actor, patient, ward, message, List.of(), Outcome.none(now()));
	}

	void record(String kind, String actor, String patient, String ward, String message, Outcome outcome) {
		record(kind, actor, patient, ward, message, List.of(), outcome);
	}

	/**
	 * Stores the data an action produced, what the clinical engine decided (on the owner
	 * of the clinical output) and the activity record, in one batch.
	 */
	void record(String kind, String actor, String patient, String ward, String message, List<String> data,
			Outcome outcome) {
		List<String> all = new ArrayList<>(data);
		all.addAll(this.output.lines(outcome));
		all.add(ClinicalLines.activity(kind, actor, patient, ward, message, Instant.now(this.clock)));
		try {
			this.writer.submit(new Envelope(all, null, null, null));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("The service is shutting down and did not store the activity record (" + kind
					+ "); the change may already be in force: check the current state, then try again.", ex);
		}
	}

	Instant now() {
		return Instant.now(this.clock);
	}

}
