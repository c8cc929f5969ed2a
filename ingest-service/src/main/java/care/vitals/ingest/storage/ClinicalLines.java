package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmTransition;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;

/**
 * Line protocol of what the clinical engine produces: NEWS2 scores, alarm transitions and
 * the activity log (admissions, transfers, acknowledgements, settings). Tags are ids and
 * codes only; free text goes into string fields made safe by {@link SafeText}.
 */
public final class ClinicalLines {

	private static final News2Parameter[] PARAMETERS = News2Parameter.values();

	/** The field of each parameter's sub-score, by ordinal: {@code spo2_score}, ... */
	private static final String[] SCORE_FIELDS = Arrays.stream(PARAMETERS)
		.map((parameter) -> parameter.code() + "_score")
		.toArray(String[]::new);

	private ClinicalLines() {
	}

	/**
	 * A NEWS2 score with its sub-scores and, in {@code sources}, where each scored value
	 * came from ({@code spo2=device:ox-1 consciousness=staff:nurse-1}).
	 */
	public static String news2(String patient, String ward, String bed, News2Score score, String sources) {
		LineBuilder line = LineBuilder.measurement("news2")
			.tag("patient", patient)
			.tag("ward", ward)
			.tag("bed", bed)
			.field("score", (long) score.total())
			.field("risk", score.risk().code())
			.field("scale", (long) score.scale().number())
			.field("partial", score.partial())
			.time(score.at());
		if (sources != null && !sources.isEmpty()) {
			line.field("sources", SafeText.of(sources, 512));
		}
		for (int i = 0; i < PARAMETERS.length; i++) {
			OptionalInt sub = score.subScore(PARAMETERS[i]);
			if (sub.isPresent()) {
				line.field(SCORE_FIELDS[i], (long) sub.getAsInt());
			}
		}
		return line.build();
	}

	/** A lifecycle transition of an alarm. */
	public static String alarm(Alarm alarm) {
		return alarm(alarm, null, null);
	}

	/**
	 * A lifecycle transition of an alarm with who made it: the {@code actor} field names
	 * the user of an acknowledgement (the engine's own transitions have none).
	 * @param alarm the alarm in its new state
	 * @param actor who made the transition, or {@code null}
	 * @return the line
	 */
	public static String alarm(Alarm alarm, String actor) {
		return alarm(alarm, null, actor);
	}

	/**
	 * @param restatedAt when the line repeats the current state of an active alarm (so
	 * dashboards with short look-backs see it), the time of that restatement; null for a
	 * real transition, written at the time the alarm entered its state
	 */
	public static String alarm(Alarm alarm, Instant restatedAt) {
		return alarm(alarm, restatedAt, null);
	}

	/**
	 * A lifecycle step as the engine emitted it: a raise, acknowledgement, re-alert or
	 * resolution at the time of the transition (with its actor); an update in place
	 * (escalation, de-escalation, new text) as a restatement at {@code at}, an escalation
	 * with {@code escalated=true} (what the escalation alert rule fires on).
	 * @param transition the transition
	 * @param at when the engine made it
	 * @return the line
	 */
	public static String transition(AlarmTransition transition, Instant at) {
		if (transition.escalated()) {
			return alarm(transition.alarm(), at, null, true);
		}
		return transition.updated() ? alarm(transition.alarm(), at) : alarm(transition.alarm(), transition.actor());
	}

	private static String alarm(Alarm alarm, Instant restatedAt, String actor) {
		return alarm(alarm, restatedAt, actor, false);
	}

	private static String alarm(Alarm alarm, Instant restatedAt, String actor, boolean escalated) {
		LineBuilder line = LineBuilder.measurement("alarms")
			.tag("patient", alarm.patient())
			.tag("ward", alarm.ward())
			.tag("bed", alarm.bed())
			.tag("priority", alarm.priority().name().toLowerCase(Locale.ROOT))
			.tag("kind", alarm.kind())
			.tag("device", alarm.device())
			.field("state", alarm.state().name().toLowerCase(Locale.ROOT))
			.field("message", SafeText.of(alarm.message(), 256))
			.field("alarm_id", alarm.alarmId())
			.field("restated", restatedAt != null)
			.field("escalation", (long) alarm.escalation())
			.time(UniqueTimestamps.of("alarms|" + alarm.patient() + "|" + alarm.ward() + "|" + alarm.bed() + "|"
					+ alarm.device() + "|" + alarm.priority() + "|" + alarm.kind(),
					(restatedAt != null) ? restatedAt : alarm.ts()));
		if (alarm.value() != null) {
			line.field("value", alarm.value());
		}
		if (actor != null) {
			line.field("actor", actor);
		}
		if (escalated) {
			line.field("escalated", true);
		}
		return line.build();
	}

	/**
	 * @param kind what happened: {@code admit}, {@code transfer}, {@code discharge},
	 * {@code acknowledge}, {@code settings}, {@code threshold}
	 * @param actor the authenticated user
	 */
	public static String activity(String kind, String actor, String patient, String ward, String message, Instant at) {
		return LineBuilder.measurement("activity")
			.tag("kind", kind)
			.tag("actor", SafeText.of(actor, 64).replaceAll("[^A-Za-z0-9._@-]", "_"))
			.tag("patient", patient)
			.tag("ward", ward)
			.field("message", SafeText.of(message, 512))
			.time(UniqueTimestamps.of("activity|" + kind + "|" + actor + "|" + patient, at))
			.build();
	}

}
