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
 * half the span still fills fewer than half the slots, so it never moves the median.
 * <p>
 * The slots are a ring of {@value #SLOTS_PER_SPAN} + 1 values indexed by slot number, so
 * a new slot reuses the place of the one that just left the span (two arrays of 25
 * doubles, ~460 bytes, for every device and parameter: with slot numbers kept beside the
 * values and arrays grown as needed it was ~850). The values are also kept sorted, so a
 * new value costs a binary search and a shift.
 */
final class RecentSamples {

	/** Slots in one span: 5 s each for 2 minutes. */
	static final int SLOTS_PER_SPAN = 24;

	/** The newest slot and the {@link #SLOTS_PER_SPAN} before it. */
	private static final int SLOTS = SLOTS_PER_SPAN + 1;

	/** The value of each slot at its slot number modulo {@link #SLOTS}; NaN: none. */
	private final double[] ring = new double[SLOTS];

	/** The values of the ring, sorted, in the first {@link #count} places. */
	private final double[] sorted = new double[SLOTS];

	/** The slot number of the newest value. */
	private long newest;

	private int count;

	RecentSamples() {
		Arrays.fill(this.ring, Double.NaN);
	}

	/**
	 * Adds a value, then drops slots older than {@code span} before this one (the newest
	 * is always kept).
	 * @param at when it was measured; a value of a slot older than the newest kept is
	 * ignored (callers keep the newest value of a source)
	 * @param value the value (NaN is ignored)
	 * @param span how far back values are kept
	 */
	void add(Instant at, double value, Duration span) {
		long width = Math.max(1, span.toMillis() / SLOTS_PER_SPAN);
		long slot = Math.floorDiv(at.toEpochMilli(), width);
		if (Double.isNaN(value) || (this.count > 0 && slot < this.newest)) {
			return;
		}
		if (this.count > 0 && slot > this.newest) {
			// the places of the slots this one moves past are those that left the span
			for (long passed = Math.max(this.newest + 1, slot - SLOTS_PER_SPAN); passed < slot; passed++) {
				clear(passed);
			}
		}
		clear(slot);
		this.ring[place(slot)] = value;
		insert(value);
		this.newest = slot;
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

	private static int place(long slot) {
		return (int) Math.floorMod(slot, (long) SLOTS);
	}

	/** Empties a slot's place, taking its value out of the sorted values. */
	private void clear(long slot) {
		int place = place(slot);
		double held = this.ring[place];
		if (!Double.isNaN(held)) {
			int at = Arrays.binarySearch(this.sorted, 0, this.count, held);
			System.arraycopy(this.sorted, at + 1, this.sorted, at, this.count - at - 1);
			this.count--;
			this.ring[place] = Double.NaN;
		}
	}

	private void insert(double value) {
		int at = Arrays.binarySearch(this.sorted, 0, this.count, value);
		if (at < 0) {
			at = -at - 1;
		}
		System.arraycopy(this.sorted, at, this.sorted, at + 1, this.count - at);
		this.sorted[at] = value;
		this.count++;
	}

}
