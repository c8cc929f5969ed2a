package care.vitals.ingest.station;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.alarm.AlarmState;
import care.vitals.model.alarm.Escalation;

/**
 * One active alarm in words: priority as text (the colour only repeats it), what, since
 * when, raised or acknowledged by whom.
 */
public record AlarmView(String alarmId, String priority, String kind, String message, boolean acknowledged,
		String since, int escalation) {

	/** A view of an alarm not escalated. */
	public AlarmView(String alarmId, String priority, String kind, String message, boolean acknowledged, String since) {
		this(alarmId, priority, kind, message, acknowledged, since, 0);
	}

	/** Highest priority first, then unacknowledged before acknowledged, then oldest. */
	static final Comparator<Alarm> ORDER = Comparator.comparing(Alarm::priority)
		.thenComparing((Alarm a) -> a.state() == AlarmState.ACKNOWLEDGED)
		.thenComparing(Alarm::ts);

	static AlarmView of(Alarm alarm, Instant now) {
		return new AlarmView(alarm.alarmId(), alarm.priority().name().toLowerCase(Locale.ROOT), alarm.kind(),
				alarm.message().isBlank() ? alarm.kind().replace('_', ' ') : alarm.message(),
				alarm.state() == AlarmState.ACKNOWLEDGED, Ages.ago(Duration.between(alarm.ts(), now)),
				alarm.escalation());
	}

	/**
	 * Whether this is an indication rather than an alarm to acknowledge: "alarm off /
	 * limit changed" ({@code limit_changed}) says the bed is monitored less strictly, by
	 * whom and since when; it lasts as long as the change and is not counted or
	 * acknowledged as an alarm.
	 */
	public boolean indication() {
		return AlarmKinds.LIMIT_CHANGED.equals(this.kind);
	}

	/**
	 * An indication in words with who changed it: the engine's text without its trailing
	 * "at <instant>" (the page says how long ago), e.g. "SpO2 limit changed: low 85 %
	 * (default 90 %); by ben".
	 */
	public String indicationText() {
		return this.message.replaceFirst(" at \\d{4}-\\d{2}-\\d{2}T[^;\\s]*", "");
	}

	/** "High priority", "Medium priority", "Low priority". */
	public String priorityText() {
		return Character.toUpperCase(this.priority.charAt(0)) + this.priority.substring(1) + " priority";
	}

	public String stateText() {
		if (this.acknowledged) {
			return "acknowledged";
		}
		return (this.escalation > 0) ? "not acknowledged, escalated to the " + Escalation.contact(this.escalation)
				: "not acknowledged";
	}

}
