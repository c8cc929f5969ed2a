package care.vitals.ingest.station;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	/** An instant as the records store it, e.g. {@code 2026-12-05T13:59:00Z}. */
	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

	static List<TrailView> of(List<AuditEntry> entries, Instant now, ZoneId zone) {
		LocalDate today = now.atZone(zone).toLocalDate();
		return entries.stream().map((e) -> {
			ZonedDateTime at = e.at().atZone(zone);
			return new TrailView(clock(at, today), e.at().toString(), e.actor(), local(e.text(), zone, today));
		}).toList();
	}

	private static String clock(ZonedDateTime at, LocalDate today) {
		return (at.toLocalDate().equals(today) ? TODAY : EARLIER).format(at);
	}

	/**
	 * The instants in a record's text ("observations made at 2026-12-05T13:59:00Z") as
	 * the ward's clock time, like the line's own time.
	 */
	static String local(String text, ZoneId zone, LocalDate today) {
		Matcher instant = INSTANT.matcher(text);
		StringBuilder local = new StringBuilder();
		while (instant.find()) {
			String replacement;
			try {
				replacement = clock(Instant.parse(instant.group()).atZone(zone), today);
			}
			catch (java.time.format.DateTimeParseException ex) {
				replacement = instant.group();
			}
			instant.appendReplacement(local, Matcher.quoteReplacement(replacement));
		}
		instant.appendTail(local);
		return local.toString();
	}

}
