package care.vitals.ingest.clinical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmTransition;
import care.vitals.model.alarm.PatientContext;
import care.vitals.model.news2.News2Score;

/**
 * What one step of the clinical engine produced, as clinical facts: NEWS2 scores that
 * changed, alarm transitions, alarms restated, and the current alarm list of every bed
 * whose alarms changed. The engine knows no line protocol and no MQTT; the
 * {@link ClinicalOutput} turns an outcome into stored lines and published lists, and only
 * on the instance that owns the clinical output.
 *
 * @param scores NEWS2 scores that changed
 * @param transitions alarm transitions, in order
 * @param restated active alarms restated as they are now (periodic restatement)
 * @param beds the alarm list of every bed to publish, at most one per bed
 * @param at when the outcome was produced
 */
public record Outcome(List<Scored> scores, List<AlarmTransition> transitions, List<Alarm> restated,
		List<AlarmList> beds, Instant at) {

	public Outcome {
		scores = List.copyOf(scores);
		transitions = List.copyOf(transitions);
		restated = List.copyOf(restated);
		beds = List.copyOf(beds);
	}

	/** Nothing happened. */
	public static Outcome none(Instant at) {
		return new Outcome(List.of(), List.of(), List.of(), List.of(), at);
	}

	/**
	 * Several outcomes as one, in order (the last list of a bed wins).
	 * @param outcomes the outcomes, at least one
	 * @return their sum, at the time of the last
	 */
	public static Outcome merge(List<Outcome> outcomes) {
		Builder all = new Builder();
		outcomes.forEach(all::add);
		return all.build(outcomes.get(outcomes.size() - 1).at());
	}

	/** Whether nothing happened. */
	public boolean isEmpty() {
		return this.scores.isEmpty() && this.transitions.isEmpty() && this.restated.isEmpty() && this.beds.isEmpty();
	}

	/**
	 * A NEWS2 score of a patient in a bed.
	 *
	 * @param context the patient and where they are
	 * @param score the score
	 * @param sources where its values came from, as stored with it
	 */
	public record Scored(PatientContext context, News2Score score, String sources) {
	}

	/** Collects an outcome; the last list of a bed wins. */
	static final class Builder {

		final List<Scored> scores = new ArrayList<>();

		final List<AlarmTransition> transitions = new ArrayList<>();

		final List<Alarm> restated = new ArrayList<>();

		private final Map<String, AlarmList> beds = new LinkedHashMap<>();

		Builder add(Outcome other) {
			this.scores.addAll(other.scores);
			this.transitions.addAll(other.transitions);
			this.restated.addAll(other.restated);
			other.beds.forEach(this::bed);
			return this;
		}

		void bed(AlarmList list) {
			this.beds.put(list.ward() + "/" + list.bed(), list);
		}

		Outcome build(Instant at) {
			return new Outcome(this.scores, this.transitions, this.restated, List.copyOf(this.beds.values()), at);
		}

	}

}
