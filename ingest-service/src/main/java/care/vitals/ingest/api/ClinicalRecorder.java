package care.vitals.ingest.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.storage.ClinicalLines;

import org.springframework.stereotype.Component;

/**
 * Stores what an admin action produced, with its activity record, through the same writer
 * (and so the same spool) as the data.
 */
@Component
class ClinicalRecorder {

	private final BatchWriter writer;

	private final Clock clock;

	ClinicalRecorder(BatchWriter writer, Clock clock) {
		this.writer = writer;
		this.clock = clock;
	}

	void record(String kind, String actor, String patient, String ward, String message, List<String> lines) {
		List<String> all = new ArrayList<>(lines);
		all.add(ClinicalLines.activity(kind, actor, patient, ward, message, Instant.now(this.clock)));
		try {
			this.writer.submit(new Envelope(all, null, null, null));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while storing the activity record", ex);
		}
	}

	Instant now() {
		return Instant.now(this.clock);
	}

}
