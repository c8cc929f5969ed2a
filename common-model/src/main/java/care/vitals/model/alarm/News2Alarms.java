package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.News2Scorer;

/**
 * NEWS2 alarms, kind and priority from the {@link RiskTable}: risk high raises
 * {@value AlarmKinds#NEWS2_HIGH} (high), medium {@value AlarmKinds#NEWS2_MEDIUM}
 * (medium), low-medium {@value AlarmKinds#NEWS2_SINGLE} (medium); one NEWS2 alarm at a
 * time, replaced (resolved and raised anew) when the risk band changes, also between two
 * bands of the same priority, and resolved when it drops to low. Bands are compared as
 * risks (low, low-medium, medium, high), not as priorities. A partial score is a lower
 * bound, so it can raise or escalate but never de-escalate or resolve; only a complete
 * score can. Scores older than the last one are ignored.
 */
final class News2Alarms {

	/** The condition key of a patient's one NEWS2 alarm. */
	static final String KEY = "news2";

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
		News2Risk target = score.risk();
		News2Risk now = activeRisk(state);
		if (target == now) {
			return List.of();
		}
		boolean escalation = target.compareTo(now) > 0;
		if (score.partial() && !escalation && !belowBandEvenAtWorst(score, now)) {
			return List.of();
		}
		List<AlarmTransition> out = new ArrayList<>();
		this.alarms.resolve(state, KEY, score.at(), out);
		Optional<String> kind = RiskTable.news2Kind(target);
		if (kind.isPresent()) {
			out.add(this.alarms.raise(state, KEY, RiskTable.news2Priority(target).orElseThrow(), kind.get(), null,
					news2Message(score), (double) score.total(), score.at()));
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
