package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Strictly increasing nanosecond timestamps for records that have no device time of their
 * own (dead letters): InfluxDB keeps one point per series and timestamp, so two
 * rejections of one device for one reason within the same clock tick must not share a
 * timestamp.
 */
public final class UniqueTimestamps {

	private static final AtomicLong last = new AtomicLong();

	private UniqueTimestamps() {
	}

	public static Instant after(Instant time) {
		long wanted = time.getEpochSecond() * 1_000_000_000L + time.getNano();
		long unique = last.updateAndGet((previous) -> Math.max(previous + 1, wanted));
		return Instant.ofEpochSecond(0, unique);
	}

}
