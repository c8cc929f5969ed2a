package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps records that have no device time of their own (dead letters, alarm transitions,
 * activity) from overwriting each other: InfluxDB keeps one point per series and
 * timestamp, so a record that lands on or just before (within 1 ms) the last timestamp
 * used in its series is moved to 1 ns after it. Any other timestamp is kept as it is, so
 * a late record is stored at its own time and never shifts the records of another series.
 */
public final class UniqueTimestamps {

	private static final Map<String, Long> last = new ConcurrentHashMap<>();

	private static final int MAX_SERIES = 100_000;

	private UniqueTimestamps() {
	}

	/**
	 * @param series the measurement and tag values the record is written under
	 */
	public static Instant of(String series, Instant time) {
		long wanted = time.getEpochSecond() * 1_000_000_000L + time.getNano();
		if (last.size() > MAX_SERIES) {
			last.clear();
		}
		long unique = last.merge(series, wanted,
				(previous, next) -> (next <= previous && next > previous - 1_000_000) ? previous + 1 : next);
		return Instant.ofEpochSecond(0, unique);
	}

}
