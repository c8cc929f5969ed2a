package care.vitals.ingest.bench;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.testsupport.InfluxDb1Server;

/**
 * Where readings are missing: messages the broker acknowledged to the load publisher, by
 * 10 s window of their timestamps, against the points InfluxDB holds in the same windows.
 * Tells a real gap (one window short: readings of that moment lost) from a miscount (no
 * window short).
 */
final class Shortfall {

	private static final int WINDOW_SECONDS = 10;

	private static final Pattern ROW = Pattern.compile("\\[\"([^\"]+)\",(\\d+)\\]");

	private Shortfall() {
	}

	/**
	 * The windows holding fewer points than were acknowledged, one line each; "none" if
	 * every window is complete.
	 */
	static String describe(InfluxDb1Server influx, String db, NavigableMap<Long, Long> ackedBySecond) {
		if (ackedBySecond.isEmpty()) {
			return "none (nothing acknowledged)";
		}
		Map<Long, Long> acked = new TreeMap<>();
		ackedBySecond.forEach((second, count) -> acked.merge(window(second), count, Long::sum));
		Instant from = Instant.ofEpochSecond(window(ackedBySecond.firstKey()));
		Instant to = Instant.ofEpochSecond(window(ackedBySecond.lastKey()) + WINDOW_SECONDS);
		String body;
		try {
			body = influx.query(db, "SELECT count(heart_rate) FROM vitals WHERE time >= '" + from + "' AND time < '"
					+ to + "' GROUP BY time(" + WINDOW_SECONDS + "s)");
		}
		catch (RuntimeException ex) {
			return "not known (InfluxDB did not answer the count by window: " + ex.getMessage() + ")";
		}
		Map<Long, Long> stored = new TreeMap<>();
		Matcher row = ROW.matcher(body);
		while (row.find()) {
			stored.put(Instant.parse(row.group(1)).getEpochSecond(), Long.parseLong(row.group(2)));
		}
		StringBuilder missing = new StringBuilder();
		long total = 0;
		for (Map.Entry<Long, Long> window : acked.entrySet()) {
			long short_ = window.getValue() - stored.getOrDefault(window.getKey(), 0L);
			if (short_ > 0) {
				total += short_;
				missing.append(
						String.format("%n- %s: %,d acknowledged, %,d stored", Instant.ofEpochSecond(window.getKey()),
								window.getValue(), stored.getOrDefault(window.getKey(), 0L)));
			}
		}
		return (total == 0) ? "none (every 10 s window holds at least what was acknowledged)"
				: String.format("%,d readings missing%s", total, missing);
	}

	private static long window(long second) {
		return second - Math.floorMod(second, WINDOW_SECONDS);
	}

}
