package care.vitals.ingest.audit;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.alarm.Escalation;

/**
 * The stored {@code activity} and {@code alarms} lines in the words of a ward:
 * "acknowledged the High priority NEWS2 high alarm (NEWS2 10)", "High priority SpO2 low
 * alarm raised: SpO2 82 % below 85 %". Priority is always written out, never left to a
 * colour.
 */
final class AuditText {

	private static final Pattern ACKNOWLEDGED = Pattern.compile("acknowledged (\\S+) alarm (\\S+)");

	private static final Pattern OVERRIDE = Pattern.compile("override (\\S+): \\w+\\[(.*)]");

	private static final Pattern OBSERVED = Pattern.compile("observed at (\\S+): (.*)");

	private AuditText() {
	}

	/**
	 * An activity record in words.
	 * @param kind the activity kind
	 * @param message the stored message
	 * @param alarms the alarm lines read with it by alarm id, to name an acknowledged
	 * alarm's priority and what it was
	 * @return the text
	 */
	static String activity(String kind, String message, Map<String, Map<String, Object>> alarms) {
		if ("acknowledge".equals(kind)) {
			Matcher ack = ACKNOWLEDGED.matcher(message);
			if (ack.matches()) {
				Map<String, Object> alarm = alarms.get(ack.group(2));
				if (alarm == null) {
					return "acknowledged the " + kindText(ack.group(1)) + " alarm";
				}
				return "acknowledged the " + priorityText(AuditTrail.text(alarm, "priority")) + " "
						+ kindText(ack.group(1)) + " alarm" + detail(AuditTrail.text(alarm, "message"));
			}
		}
		if ("threshold".equals(kind)) {
			Matcher override = OVERRIDE.matcher(message);
			if (override.matches()) {
				String limits = override.group(2).replaceAll("\\w+=null(, )?", "").replaceAll(", $", "");
				return "changed the alarm limits of " + override.group(1) + ": " + limits;
			}
			return message.replaceFirst("^override of (\\S+) cleared$",
					"set the alarm limits of $1 back to the default");
		}
		if ("observation".equals(kind)) {
			Matcher observed = OBSERVED.matcher(message);
			if (observed.matches()) {
				return "recorded observations made at " + observed.group(1) + ": " + observed.group(2);
			}
		}
		return switch (kind) {
			case "admit" -> "admitted: " + message.replaceFirst("^admit ", "");
			case "transfer" -> "transferred: " + message.replaceFirst("^transfer ", "");
			case "discharge" -> "discharged: " + message.replaceFirst("^discharge ", "");
			case "settings" -> message;
			default -> kind + ": " + message;
		};
	}

	/**
	 * An alarm transition the engine made, in words.
	 * @param alarm the stored line's columns
	 * @return the text
	 */
	static String alarm(Map<String, Object> alarm) {
		String kind = AuditTrail.text(alarm, "kind");
		String state = AuditTrail.text(alarm, "state");
		String message = AuditTrail.text(alarm, "message");
		if (AlarmKinds.LIMIT_CHANGED.equals(kind)) {
			String what = message.replaceFirst(" at \\d{4}-\\d{2}-\\d{2}T[^;\\s]*", "");
			return "resolved".equals(state) ? "indication ended, limits back to the default: " + what
					: "indication: " + what;
		}
		String which = priorityText(AuditTrail.text(alarm, "priority")) + " " + kindText(kind) + " alarm";
		if (Boolean.TRUE.equals(alarm.get("escalated"))) {
			Object level = alarm.get("escalation");
			int escalation = (level instanceof Number number) ? number.intValue() : 1;
			return which + " not acknowledged: escalated to the " + Escalation.contact(escalation) + detail(message);
		}
		return which + switch (state) {
			case "raised" -> " raised";
			case "resolved" -> " ended";
			default -> " " + state;
		} + detail(message);
	}

	/** "High priority", from the stored tag {@code high}. */
	static String priorityText(String priority) {
		if (priority.isEmpty()) {
			return "";
		}
		return Character.toUpperCase(priority.charAt(0)) + priority.substring(1).toLowerCase(Locale.ROOT) + " priority";
	}

	/** "NEWS2 high", "SpO2 low", "probe off", from the stored kind. */
	static String kindText(String kind) {
		String words = kind.replace('_', ' ');
		return words.replaceFirst("^news2", "NEWS2").replaceFirst("^spo2", "SpO2");
	}

	private static String detail(String message) {
		return message.isBlank() ? "" : " (" + message + ")";
	}

}
