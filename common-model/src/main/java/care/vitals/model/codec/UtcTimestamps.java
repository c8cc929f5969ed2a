package care.vitals.model.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses device timestamps. Devices send UTC instants such as
 * {@code 2026-12-05T21:40:00.123Z}; those are read here directly (a tenth of the cost of
 * {@link Instant#parse}, which the ingest paid on every message), everything else (an
 * offset, a leap second, a year beyond 9999) goes to {@link Instant#parse} and means
 * exactly what it means there.
 */
final class UtcTimestamps {

	private UtcTimestamps() {
	}

	/**
	 * @param text an ISO-8601 instant
	 * @return the instant
	 * @throws DateTimeException if it is not one
	 */
	static Instant parse(String text) {
		Instant fast = utc(text);
		return (fast != null) ? fast : Instant.parse(text);
	}

	/** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other form. */
	private static Instant utc(String text) {
		int length = text.length();
		if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59) {
			return null;
		}
		int nanos = 0;
		if (length > 20) {
			int fraction = length - 21;
			if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
				return null;
			}
			nanos = digits(text, 20, fraction);
			if (nanos < 0) {
				return null;
			}
			for (int i = fraction; i < 9; i++) {
				nanos *= 10;
			}
		}
		else if (text.charAt(19) != 'Z') {
			return null;
		}
		if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
	}

	/** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
