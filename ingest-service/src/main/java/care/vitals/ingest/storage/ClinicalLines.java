package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Locale;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;

/**
 * Line protocol of what the clinical engine produces: NEWS2 scores, alarm transitions and
 * the activity log (admissions, transfers, acknowledgements, settings). Tags are ids and
 * codes only; free text goes into string fields made safe by {@link SafeText}.
 */
public final class ClinicalLines {

	private ClinicalLines() {
	}

	/** Written for most readings of an assigned device: built without {@code Point}. */
	public static String news2(String patient, String ward, String bed, News2Score score) {
		LineBuilder line = LineBuilder.measurement("news2")
			.tag("patient", patient)
			.tag("ward", ward)
			.tag("bed", bed)
			.field("score", (long) score.total())
			.field("risk", score.risk().code())
			.field("scale", (long) score.scale().number())
			.field("partial", score.partial())
			.time(score.at());
		for (News2Parameter parameter : News2Parameter.values()) {
			score.subScore(parameter).ifPresent((sub) -> line.field(parameter.code() + "_score", (long) sub));
		}
		return line.build();
	}

	/** A lifecycle transition of an alarm. */
	public static String alarm(Alarm alarm) {
		return alarm(alarm, null);
	}

	/**
	 * @param restatedAt when the line repeats the current state of an active alarm (so
	 * dashboards with short look-backs see it), the time of that restatement; null for a
	 * real transition, written at the time the alarm entered its state
	 */
	public static String alarm(Alarm alarm, Instant restatedAt) {
		Point point = Point.measurement("alarms")
			.addTag("patient", alarm.patient())
			.addTag("ward", alarm.ward())
			.addTag("bed", alarm.bed())
			.addTag("priority", alarm.priority().name().toLowerCase(Locale.ROOT))
			.addTag("kind", alarm.kind())
			.addField("state", alarm.state().name().toLowerCase(Locale.ROOT))
			.addField("message", SafeText.of(alarm.message(), 256))
			.addField("alarm_id", alarm.alarmId())
			.addField("restated", restatedAt != null)
			.time(UniqueTimestamps.of("alarms|" + alarm.patient() + "|" + alarm.ward() + "|" + alarm.bed() + "|"
					+ alarm.device() + "|" + alarm.priority() + "|" + alarm.kind(),
					(restatedAt != null) ? restatedAt : alarm.ts()), WritePrecision.NS);
		if (alarm.device() != null) {
			point.addTag("device", alarm.device());
		}
		if (alarm.value() != null) {
			point.addField("value", alarm.value());
		}
		return point.toLineProtocol();
	}

	/**
	 * @param kind what happened: {@code admit}, {@code transfer}, {@code discharge},
	 * {@code acknowledge}, {@code settings}, {@code threshold}
	 * @param actor the authenticated user
	 */
	public static String activity(String kind, String actor, String patient, String ward, String message, Instant at) {
		Point point = Point.measurement("activity")
			.addTag("kind", kind)
			.addTag("actor", SafeText.of(actor, 64).replaceAll("[^A-Za-z0-9._@-]", "_"))
			.addField("message", SafeText.of(message, 512))
			.time(UniqueTimestamps.of("activity|" + kind + "|" + actor + "|" + patient, at), WritePrecision.NS);
		if (patient != null) {
			point.addTag("patient", patient);
		}
		if (ward != null) {
			point.addTag("ward", ward);
		}
		return point.toLineProtocol();
	}

}
