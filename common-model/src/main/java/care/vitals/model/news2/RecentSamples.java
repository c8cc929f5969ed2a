package care.vitals.model.news2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A device's recent numeric samples of one parameter, oldest first, and their median. The
 * values are also kept sorted, so a new sample costs a binary search and a shift rather
 * than a sort of the whole window (the ingest takes a median on every device reading).
 */
final class RecentSamples {

	private final Deque<Sample> byTime = new ArrayDeque<>();

	private double[] sorted = new double[8];

	private int size;

	/**
	 * Adds a sample, then drops the oldest while more than {@code max} are kept or the
	 * oldest is older than {@code span} before this one (the newest is always kept).
	 * @param at when it was measured (not before the newest kept)
	 * @param value the value
	 * @param max at most this many samples
	 * @param span how far back samples are kept
	 */
	void add(Instant at, double value, int max, Duration span) {
		this.byTime.addLast(new Sample(at, value));
		insert(value);
		Instant oldest = at.minus(span);
		while (this.size > max || (this.size > 1 && this.byTime.peekFirst().at().isBefore(oldest))) {
			remove(this.byTime.pollFirst().value());
		}
	}

	/** The median of the samples kept (the mean of the middle two for an even count). */
	double median() {
		int middle = this.size / 2;
		return (this.size % 2 == 1) ? this.sorted[middle] : (this.sorted[middle - 1] + this.sorted[middle]) / 2;
	}

	int size() {
		return this.size;
	}

	private void insert(double value) {
		if (this.size == this.sorted.length) {
			this.sorted = Arrays.copyOf(this.sorted, this.size * 2);
		}
		int at = Arrays.binarySearch(this.sorted, 0, this.size, value);
		if (at < 0) {
			at = -at - 1;
		}
		System.arraycopy(this.sorted, at, this.sorted, at + 1, this.size - at);
		this.sorted[at] = value;
		this.size++;
	}

	private void remove(double value) {
		int at = Arrays.binarySearch(this.sorted, 0, this.size, value);
		System.arraycopy(this.sorted, at + 1, this.sorted, at, this.size - at - 1);
		this.size--;
	}

	private record Sample(Instant at, double value) {

	}

}
