package care.vitals.ingest.station;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import care.vitals.ingest.audit.AuditEntry;

/**
 * One line of the bed page's audit trail in clear text: "14:02 nurse.anna acknowledged
 * the High priority SpO2 low alarm (…)", with the day when it is not today.
 *
 * @param time the ward's clock time, e.g. "14:02" or "4 Dec 23:58"
 * @param iso the instant, for the page's {@code <time datetime>}
 * @param actor who did it
 * @param text what happened
 */
public record TrailView(String time, String iso, String actor, String text) {

	private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

	static List<TrailView> of(List<AuditEntry> entries, Instant now, ZoneId zone) {
		LocalDate today = now.atZone(zone).toLocalDate();
		return entries.stream().map((e) -> {
			ZonedDateTime at = e.at().atZone(zone);
			String time = (at.toLocalDate().equals(today) ? TODAY : EARLIER).format(at);
			return new TrailView(time, e.at().toString(), e.actor(), e.text());
		}).toList();
	}

}
