package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.News2Scorer;

/**
 * NEWS2 alarms, one per episode (CLINICAL.md, principle 6), kind and priority from the
 * {@link RiskTable}: risk high {@value AlarmKinds#NEWS2_HIGH} (high), medium
 * {@value AlarmKinds#NEWS2_MEDIUM} (medium), low-medium {@value AlarmKinds#NEWS2_SINGLE}
 * (medium).
 * <p>
 * <b>Episode.</b> The alarm's band is the worst band of the scores of the last
 * {@link AlarmRules#news2Hold()} (the latest score always counts): it escalates at once
 * and de-escalates or resolves only after the lower band has held for
 * {@link AlarmRules#news2Hold()}, so a total flickering between 6 and 7 is one alarm, not
 * one per flicker. Within an episode the alarm keeps its id; a change of band changes its
 * kind and priority in place, and its text and value always follow the latest score (an
 * update, stored as a restatement).
 * <p>
 * <b>Re-alert.</b> An acknowledged NEWS2 alarm is raised again (same id) when its band
 * rises or the total rises by {@value #REALERT_RISE} or more above the highest total of
 * the episode before the acknowledgement (what the nurse has seen); a smaller rise, or
 * any improvement, keeps the acknowledgement, and so does a return to a band already
 * acknowledged in the episode (high, de-escalated to medium after the hold, high again).
 * <p>
 * A partial score is a lower bound: it can raise or escalate, but lowers the band only if
 * even its worst case (every missing parameter at its maximum) lies below the alarm's
 * band. Scores older than the last one are ignored.
 */
final class News2Alarms {

	/** The condition key of a patient's one NEWS2 alarm. */
	static final String KEY = "news2";

	/** The rise of the NEWS2 total since an acknowledgement that re-alerts. */
	static final int REALERT_RISE = 2;

	private final AlarmRules rules;

	private final ActiveAlarms alarms;

	News2Alarms(AlarmRules rules, ActiveAlarms alarms) {
		this.rules = rules;
		this.alarms = alarms;
	}

	/** Whether an alarm kind is a NEWS2 alarm. */
	static boolean holds(String kind) {
		return kind.startsWith("news2_");
	}

	List<AlarmTransition> onScore(PatientState state, News2Score score) {
		if (!this.rules.news2Alarms() || (state.lastScoreAt != null && score.at().isBefore(state.lastScoreAt))) {
			return List.of();
		}
		state.lastScoreAt = score.at();
		News2Risk now = activeRisk(state);
		boolean informative = !score.partial() || score.risk().compareTo(now) > 0 || belowBandEvenAtWorst(score, now);
		if (!informative) {
			return List.of();
		}
		state.lastScore = score;
		state.news2Bands.addLast(new PatientState.News2Band(score.at(), score.risk()));
		return evaluate(state, score.at());
	}

	/**
	 * Lets time pass: a lower band that has held for {@link AlarmRules#news2Hold()}
	 * de-escalates or resolves the alarm even when no new score comes (scores come only
	 * when they change).
	 */
	void tick(PatientState state, Instant now, List<AlarmTransition> out) {
		if (this.rules.news2Alarms() && state.lastScore != null && state.news2Bands.size() > 1) {
			out.addAll(evaluate(state, now));
		}
	}

	private List<AlarmTransition> evaluate(PatientState state, Instant now) {
		Deque<PatientState.News2Band> bands = state.news2Bands;
		while (bands.size() > 1 && bands.peekFirst().at().isBefore(now.minus(this.rules.news2Hold()))) {
			bands.pollFirst();
		}
		News2Risk target = worst(bands);
		News2Score score = state.lastScore;
		PatientState.ActiveAlarm active = state.active.get(KEY);
		List<AlarmTransition> out = new ArrayList<>();
		if (active == null) {
			state.news2AcknowledgedTotal = null;
			state.news2AcknowledgedRisk = null;
			state.news2EpisodeWorst = (double) score.total();
			state.news2EpisodeWorstRisk = target;
			Optional<String> kind = RiskTable.news2Kind(target);
			kind.ifPresent((k) -> out.add(this.alarms.raise(state, KEY, RiskTable.news2Priority(target).orElseThrow(),
					k, null, message(score, target), (double) score.total(), score.at())));
			return out;
		}
		if (target == News2Risk.LOW) {
			state.news2AcknowledgedTotal = null;
			this.alarms.resolve(state, KEY, now, out);
			return out;
		}
		News2Risk current = activeRisk(state);
		if (active.alarm.state() == AlarmState.ACKNOWLEDGED && state.news2AcknowledgedTotal == null) {
			// the reference of a re-alert: the worst the nurse has seen of this episode
			// (its highest total while raised), not the total at the moment of the
			// acknowledgement, so the noise of a high total does not re-alert
			double acknowledged = (active.alarm.value() != null) ? active.alarm.value() : 0;
			state.news2AcknowledgedTotal = (state.news2EpisodeWorst != null)
					? Math.max(state.news2EpisodeWorst, acknowledged) : acknowledged;
			state.news2AcknowledgedRisk = max(current, state.news2EpisodeWorstRisk);
		}
		if (active.alarm.state() == AlarmState.RAISED) {
			state.news2EpisodeWorst = (state.news2EpisodeWorst != null)
					? Math.max(state.news2EpisodeWorst, score.total()) : (double) score.total();
			state.news2EpisodeWorstRisk = max(target, state.news2EpisodeWorstRisk);
		}
		Double acknowledgedAt = state.news2AcknowledgedTotal;
		// a band the nurse has already acknowledged in this episode does not re-alert
		// when the alarm comes back to it after a de-escalation
		News2Risk reference = (active.alarm.state() == AlarmState.ACKNOWLEDGED)
				? max(current, state.news2AcknowledgedRisk) : current;
		boolean worse = target.compareTo(reference) > 0
				|| (acknowledgedAt != null && score.total() >= acknowledgedAt + REALERT_RISE);
		boolean realert = worse && active.alarm.state() == AlarmState.ACKNOWLEDGED;
		AlarmTransition update = this.alarms.update(state, KEY, RiskTable.news2Kind(target).orElseThrow(),
				RiskTable.news2Priority(target).orElseThrow(), message(score, target), (double) score.total(),
				now.isBefore(score.at()) ? score.at() : now, realert);
		if (update != null) {
			if (update.realerted()) {
				state.news2AcknowledgedTotal = null;
				state.news2AcknowledgedRisk = null;
				state.news2EpisodeWorst = (double) score.total();
				state.news2EpisodeWorstRisk = target;
			}
			out.add(update);
		}
		return out;
	}

	/**
	 * The risk band of the patient's active NEWS2 alarm, by its kind (also for a restored
	 * alarm); {@link News2Risk#LOW} if none.
	 */
	private static News2Risk activeRisk(PatientState state) {
		PatientState.ActiveAlarm active = state.active.get(KEY);
		return (active != null) ? RiskTable.news2Risk(active.alarm.kind()).orElse(News2Risk.LOW) : News2Risk.LOW;
	}

	/**
	 * Whether a partial score could not reach the active alarm's band even if every
	 * missing or stale parameter scored its maximum (3, air/oxygen 2). Then the alarm
	 * follows the known score down: without it, a patient whose ACVPU nobody has entered
	 * (devices cannot assess it) would keep a NEWS2 alarm for hours after recovering. The
	 * single-parameter band counts only known sub-scores.
	 */
	private static boolean belowBandEvenAtWorst(News2Score score, News2Risk active) {
		if (active == News2Risk.LOW) {
			return false;
		}
		int upper = score.total();
		for (News2Parameter parameter : score.unavailable()) {
			upper += (parameter == News2Parameter.AIR_OR_OXYGEN) ? 2 : 3;
		}
		return News2Scorer.risk(upper, score.singleParameterThree()).compareTo(active) < 0;
	}

	private static News2Risk max(News2Risk a, News2Risk b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.compareTo(b) >= 0) ? a : b;
	}

	private static News2Risk worst(Deque<PatientState.News2Band> bands) {
		News2Risk worst = News2Risk.LOW;
		for (PatientState.News2Band band : bands) {
			worst = (band.risk().compareTo(worst) > 0) ? band.risk() : worst;
		}
		return worst;
	}

	private String message(News2Score score, News2Risk band) {
		String message = news2Message(score);
		if (band.compareTo(score.risk()) > 0) {
			message += "; " + band.code() + " risk held until the lower score has lasted "
					+ this.rules.news2Hold().toMinutes() + " min";
		}
		return message;
	}

	private static String news2Message(News2Score score) {
		StringBuilder message = new StringBuilder("NEWS2 ").append(score.total())
			.append(" (")
			.append(score.risk().code())
			.append(" risk): ")
			.append(score.response().text());
		if (score.partial()) {
			message.append("; partial, not counted: ")
				.append(String.join(", ", score.unavailable().stream().map(Object::toString).toList()));
		}
		return message.toString();
	}

}
