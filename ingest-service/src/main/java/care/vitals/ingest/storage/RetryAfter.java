package care.vitals.ingest.storage;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses an HTTP {@code Retry-After} header: delay seconds or an HTTP date.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	static Duration parse(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration delay = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
