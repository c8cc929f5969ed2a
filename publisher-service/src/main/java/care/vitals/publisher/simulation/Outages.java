package care.vitals.publisher.simulation;

import java.time.Duration;

import care.vitals.publisher.physiology.Noise;

/**
 * Decides when a device's network drops, as a pure function of (seed, device, time): each
 * ten-minute window holds at most one outage of 20-120 s, with a probability that gives
 * the configured number of drops per hour.
 *
 * @param perHour expected drops per device and hour (0 disables them)
 */
record Outages(double perHour) {

	private static final long WINDOW_MS = Duration.ofMinutes(10).toMillis();

	private static final long STREAM = 9_000_000L;

	boolean covers(long seed, int device, Duration sinceStart) {
		if (this.perHour <= 0 || sinceStart.isNegative()) {
			return false;
		}
		long t = sinceStart.toMillis();
		long window = t / WINDOW_MS;
		for (long w = window; w >= Math.max(0, window - 1); w--) {
			if (covers(seed, device, w, t)) {
				return true;
			}
		}
		return false;
	}

	private boolean covers(long seed, int device, long window, long t) {
		long stream = STREAM + device;
		double chance = Math.min(1, this.perHour * WINDOW_MS / 3_600_000.0);
		if (Noise.uniform(seed, stream, 3 * window) >= chance) {
			return false;
		}
		long start = window * WINDOW_MS + (long) (WINDOW_MS * Noise.uniform(seed, stream, 3 * window + 1));
		long length = 20_000 + (long) (100_000 * Noise.uniform(seed, stream, 3 * window + 2));
		return t >= start && t < start + length;
	}

}
