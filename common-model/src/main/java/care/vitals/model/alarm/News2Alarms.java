package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.List;

import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;

/**
 * NEWS2 alarms: risk high raises {@value AlarmKinds#NEWS2_HIGH} (high), medium
 * {@value AlarmKinds#NEWS2_MEDIUM} (medium), low-medium {@value AlarmKinds#NEWS2_SINGLE}
 * (low); one NEWS2 alarm at a time, replaced (resolved and raised anew) when the band
 * changes and resolved when it drops to low. A partial score is a lower bound, so it can
 * raise or escalate but never de-escalate or resolve; only a complete score can. Scores
 * older than the last one are ignored.
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
		AlarmPriority target = news2Priority(score.risk());
		AlarmPriority now = this.alarms.priority(state, KEY);
		if (target == now) {
			return List.of();
		}
		boolean escalation = target != null && (now == null || target.compareTo(now) < 0);
		if (score.partial() && !escalation) {
			return List.of();
		}
		List<AlarmTransition> out = new ArrayList<>();
		this.alarms.resolve(state, KEY, score.at(), out);
		if (target != null) {
			out.add(this.alarms.raise(state, KEY, target, news2Kind(score.risk()), null, news2Message(score),
					(double) score.total(), score.at()));
		}
		return out;
	}

	private static AlarmPriority news2Priority(News2Risk risk) {
		return switch (risk) {
			case HIGH -> AlarmPriority.HIGH;
			case MEDIUM -> AlarmPriority.MEDIUM;
			case LOW_MEDIUM -> AlarmPriority.LOW;
			case LOW -> null;
		};
	}

	private static String news2Kind(News2Risk risk) {
		return switch (risk) {
			case HIGH -> AlarmKinds.NEWS2_HIGH;
			case MEDIUM -> AlarmKinds.NEWS2_MEDIUM;
			default -> AlarmKinds.NEWS2_SINGLE;
		};
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
