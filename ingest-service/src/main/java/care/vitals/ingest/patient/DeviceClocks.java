package care.vitals.ingest.patient;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Measures how far each device's clock is off and corrects its times (CLINICAL.md,
 * principle 5: time is the ward's, not the device's).
 * <p>
 * The lag of a message is its receive time minus the device time of its newest value:
 * transport delay plus clock offset. Delay is never negative and is small for at least
 * some messages of a device that sends live data, so the smallest lag over a window is
 * the clock offset. The window is kept as the minimum lag per {@link #BUCKET} of receive
 * time, {@value #BUCKETS} buckets (a few longs per device).
 * <p>
 * An offset counts only when it is <em>sustained</em>: every bucket of the whole window
 * (2 minutes by default) saw the device, every bucket's minimum lag is beyond the
 * tolerance on the same side, and the buckets' minima agree within the tolerance: a clock
 * is off by the same amount all along, while the lag of a backlog being delivered (a
 * device reconnecting, the ingest catching up after an outage, however long) falls from
 * bucket to bucket. Once sustained, the offset is the window's smallest lag (for a clock
 * ahead, the most negative one), and the device's times are corrected by it; it ends as
 * soon as the newest bucket shows a lag within tolerance (delay only ever adds lag, so a
 * small lag is proof of a good clock), not when the device pauses. Devices that send
 * rarely (spot checks) never fill the window and are never corrected.
 * <p>
 * Thread-safe.
 */
public final class DeviceClocks {

	/** Buckets in the window. */
	static final int BUCKETS = 4;

	private final Duration tolerance;

	private final Duration window;

	private final long bucketMillis;

	private final Map<String, Clock> clocks = new HashMap<>();

	/**
	 * Creates the tracker.
	 * @param tolerance how far a device clock may be off before it is corrected and
	 * raises {@code clock_skew}
	 * @param window the receive-time span an offset must be sustained over
	 */
	public DeviceClocks(Duration tolerance, Duration window) {
		this.tolerance = tolerance;
		this.window = window;
		this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
	}

	/** The receive-time span an offset must be sustained over. */
	Duration window() {
		return this.window;
	}

	/**
	 * Takes one message of a device and returns the clock offset now in force for it.
	 * @param deviceId the device
	 * @param deviceTime the device time of the message's newest value
	 * @param receivedAt when the message arrived
	 * @return the offset to add to the device's times (positive: the clock is behind), or
	 * {@link Duration#ZERO} when within tolerance or not sustained
	 */
	public synchronized Duration observe(String deviceId, Instant deviceTime, Instant receivedAt) {
		Clock clock = this.clocks.computeIfAbsent(deviceId, (d) -> new Clock());
		clock.add(Math.floorDiv(receivedAt.toEpochMilli(), this.bucketMillis),
				receivedAt.toEpochMilli() - deviceTime.toEpochMilli());
		clock.offsetMillis = clock.sustainedOffset(this.tolerance.toMillis());
		return Duration.ofMillis(clock.offsetMillis);
	}

	/**
	 * The ward's time of something a device stamped: its time corrected by the offset in
	 * force, and never later than when it arrived (a device time after the receive time
	 * is wrong by at least the difference, e.g. a clock ahead within tolerance).
	 * @param deviceTime the device's time
	 * @param offset the offset in force for the device
	 * @param receivedAt when it arrived
	 * @return the corrected time
	 */
	public static Instant wardTime(Instant deviceTime, Duration offset, Instant receivedAt) {
		Instant corrected = deviceTime.plus(offset);
		return corrected.isAfter(receivedAt) ? receivedAt : corrected;
	}

	/**
	 * Returns the offset in force for a device without observing anything.
	 * @param deviceId the device
	 * @return the offset, {@link Duration#ZERO} if none
	 */
	public synchronized Duration offset(String deviceId) {
		Clock clock = this.clocks.get(deviceId);
		return (clock != null) ? Duration.ofMillis(clock.offsetMillis) : Duration.ZERO;
	}

	/** Minimum lag per bucket, in a ring indexed by bucket number. */
	private static final class Clock {

		private final long[] bucket = new long[BUCKETS];

		private final long[] minLag = new long[BUCKETS];

		private long offsetMillis;

		Clock() {
			Arrays.fill(this.bucket, Long.MIN_VALUE);
		}

		void add(long bucketNumber, long lag) {
			int slot = (int) Math.floorMod(bucketNumber, (long) BUCKETS);
			if (this.bucket[slot] != bucketNumber) {
				this.bucket[slot] = bucketNumber;
				this.minLag[slot] = lag;
			}
			else {
				this.minLag[slot] = Math.min(this.minLag[slot], lag);
			}
		}

		/**
		 * Unconfirmed: the smallest lag of the window if every bucket of it, ending with
		 * the newest, saw the device and lagged beyond tolerance on one side, by amounts
		 * that agree within tolerance; otherwise zero. Confirmed: stays until the newest
		 * bucket shows a lag within tolerance (or on the other side); a pause of the
		 * device does not end it.
		 */
		long sustainedOffset(long toleranceMillis) {
			long newest = Long.MIN_VALUE;
			for (long b : this.bucket) {
				newest = Math.max(newest, b);
			}
			boolean confirmed = this.offsetMillis != 0;
			int side = confirmed ? Long.signum(this.offsetMillis) : 0;
			long offset = Long.MAX_VALUE;
			long largest = Long.MIN_VALUE;
			for (int i = 0; i < BUCKETS; i++) {
				long wanted = newest - i;
				int slot = (int) Math.floorMod(wanted, (long) BUCKETS);
				long lag = this.minLag[slot];
				boolean seen = this.bucket[slot] == wanted;
				boolean skewed = seen && Math.abs(lag) > toleranceMillis && (side == 0 || Long.signum(lag) == side);
				if (!skewed && (!confirmed || i == 0)) {
					return 0;
				}
				if (skewed) {
					side = Long.signum(lag);
					offset = Math.min(offset, lag);
					largest = Math.max(largest, lag);
				}
			}
			// a clock is off by the same amount all along; a draining backlog's lag falls
			return (confirmed || largest - offset <= toleranceMillis) ? offset : 0;
		}

	}

}
