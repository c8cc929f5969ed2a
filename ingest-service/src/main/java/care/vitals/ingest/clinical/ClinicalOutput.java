package care.vitals.ingest.clinical;

import java.util.ArrayList;
import java.util.List;

import care.vitals.ingest.storage.ClinicalLines;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmTransition;

import org.springframework.stereotype.Component;

/**
 * Turns what the clinical engine decided into its effects, on the owner of the clinical
 * output only: publishes the bed lists that changed and returns the lines to store (NEWS2
 * scores, alarm transitions and restatements) for the caller to write in the same batch
 * as the data that caused them. A standby evaluates the same input and keeps the same
 * state, but its outcomes have no effect (docs/scaling.md).
 */
@Component
public class ClinicalOutput {

	private final ClinicalOwnership ownership;

	private final AlarmStatePublisher publisher;

	public ClinicalOutput(ClinicalOwnership ownership, AlarmStatePublisher publisher) {
		this.ownership = ownership;
		this.publisher = publisher;
	}

	/**
	 * Publishes the outcome's bed lists and returns its lines, if this instance owns the
	 * clinical output.
	 * @param outcome what the engine decided
	 * @return the lines to store, empty on a standby
	 */
	public List<String> lines(Outcome outcome) {
		if (outcome.isEmpty() || !this.ownership.owns()) {
			return List.of();
		}
		outcome.beds().forEach(this.publisher::publish);
		List<String> lines = new ArrayList<>(
				outcome.scores().size() + outcome.transitions().size() + outcome.restated().size());
		for (Outcome.Scored scored : outcome.scores()) {
			lines.add(ClinicalLines.news2(scored.context().patient(), scored.context().ward(), scored.context().bed(),
					scored.score(), scored.sources()));
		}
		for (AlarmTransition transition : outcome.transitions()) {
			lines.add(ClinicalLines.transition(transition, outcome.at()));
		}
		for (Alarm alarm : outcome.restated()) {
			lines.add(ClinicalLines.alarm(alarm, outcome.at()));
		}
		return lines;
	}

	/**
	 * @return whether this instance owns the clinical output now
	 */
	public boolean owns() {
		return this.ownership.owns();
	}

}
