package care.vitals.model.news2;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A device's recent numeric values of one parameter, and their median, in bounded memory
 * whatever the device's rate. Time is cut into slots of {@code span /}
 * {@value #SLOTS_PER_SPAN}; each slot keeps the last value that arrived in it, and the
 * median is taken over the slots of the last {@code span}. A monitor sending every second
 * and one sending a hundred times a second cost the same (a ward of 2,000 devices held 60
 * MB of samples with every value kept, more than the ingest's heap); a spike shorter than
 * half the span still fills fewer than half the slots, so it never moves the median. The
 * values are also kept sorted, so a new value costs a binary search and a shift.
 */
final class RecentSamples {

	/** Slots in one span: 5 s each for 2 minutes. */
	static final int SLOTS_PER_SPAN = 24;

	/** Slot numbers, oldest first, from {@code first}, wrapping around. */
	private long[] slots = new long[4];

	/** The value of each slot, same order. */
	private double[] values = new double[4];

	private int first;

	private int count;

	private double[] sorted = new double[4];

	/**
	 * Adds a value, then drops slots older than {@code span} before this one (the newest
	 * is always kept).
	 * @param at when it was measured (not before the newest kept)
	 * @param value the value
	 * @param span how far back values are kept
	 */
	void add(Instant at, double value, Duration span) {
		long width = Math.max(1, span.toMillis() / SLOTS_PER_SPAN);
		long slot = Math.floorDiv(at.toEpochMilli(), width);
		if (this.count > 0 && this.slots[index(this.count - 1)] == slot) {
			int newest = index(this.count - 1);
			remove(this.values[newest]);
			this.values[newest] = value;
		}
		else {
			if (this.count == this.slots.length) {
				grow();
			}
			int next = index(this.count);
			this.slots[next] = slot;
			this.values[next] = value;
			this.count++;
		}
		insert(value);
		long oldest = slot - SLOTS_PER_SPAN;
		while (this.count > 1 && this.slots[this.first] < oldest) {
			remove(this.values[this.first]);
			this.first = (this.first + 1) % this.slots.length;
			this.count--;
		}
	}

	/** The median of the slots kept (the mean of the middle two for an even count). */
	double median() {
		int middle = this.count / 2;
		return (this.count % 2 == 1) ? this.sorted[middle] : (this.sorted[middle - 1] + this.sorted[middle]) / 2;
	}

	/** The slots kept. */
	int size() {
		return this.count;
	}

	private int index(int position) {
		return (this.first + position) % this.slots.length;
	}

	private void grow() {
		int capacity = this.slots.length * 2;
		long[] slots = new long[capacity];
		double[] values = new double[capacity];
		for (int i = 0; i < this.count; i++) {
			slots[i] = this.slots[index(i)];
			values[i] = this.values[index(i)];
		}
		this.slots = slots;
		this.values = values;
		this.first = 0;
		this.sorted = Arrays.copyOf(this.sorted, capacity);
	}

	private void insert(double value) {
		int at = Arrays.binarySearch(this.sorted, 0, this.count - 1, value);
		if (at < 0) {
			at = -at - 1;
		}
		System.arraycopy(this.sorted, at, this.sorted, at + 1, this.count - 1 - at);
		this.sorted[at] = value;
	}

	/**
	 * Removes one occurrence of a value from the sorted values (before count changes).
	 */
	private void remove(double value) {
		int at = Arrays.binarySearch(this.sorted, 0, this.count, value);
		System.arraycopy(this.sorted, at + 1, this.sorted, at, this.count - at - 1);
	}

}
