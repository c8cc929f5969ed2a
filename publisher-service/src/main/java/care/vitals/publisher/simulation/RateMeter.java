package care.vitals.publisher.simulation;

/**
 * Measures the achieved message rate from a growing count: the rate over the last few
 * samples and the average since the first.
 */
final class RateMeter {

	private static final int WINDOW = 5;

	private final long[] counts = new long[WINDOW + 1];

	private final long[] times = new long[WINDOW + 1];

	private int samples;

	private long firstCount;

	private long firstTime;

	private volatile double recent;

	private volatile double average;

	synchronized void sample(long count, long nanoTime) {
		if (this.samples == 0) {
			this.firstCount = count;
			this.firstTime = nanoTime;
		}
		int slot = this.samples % (WINDOW + 1);
		this.counts[slot] = count;
		this.times[slot] = nanoTime;
		this.samples++;
		int oldest = (this.samples > WINDOW) ? this.samples % (WINDOW + 1) : 0;
		long span = nanoTime - this.times[oldest];
		if (span > 0) {
			this.recent = (count - this.counts[oldest]) * 1e9 / span;
		}
		long total = nanoTime - this.firstTime;
		if (total > 0) {
			this.average = (count - this.firstCount) * 1e9 / total;
		}
	}

	/**
	 * Returns the rate over the last five samples.
	 * @return messages per second
	 */
	double recent() {
		return this.recent;
	}

	/**
	 * Returns the average rate since the first sample.
	 * @return messages per second
	 */
	double average() {
		return this.average;
	}

}
