package care.vitals.model.reading;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

import care.vitals.model.parameter.Parameter;

/**
 * A reading's values: read-only, in the order given, over two arrays. A reading has a
 * handful of values and every message makes one (twice when its time is corrected): the
 * {@code LinkedHashMap} it was copied into before took three times the memory (an entry
 * per value and a table), a few percent of all the ingest allocated per message (issue
 * #16). A lookup walks the keys, which for a handful is no slower than hashing. Equal to
 * any map with the same entries, as {@link Map} requires. Decoders that collect values in
 * arrays hand them over with {@link #of(Parameter[], Double[], int)}.
 */
public final class ReadingValues extends AbstractMap<Parameter, Double> {

	private final Parameter[] keys;

	private final Double[] values;

	private ReadingValues(Parameter[] keys, Double[] values) {
		this.keys = keys;
		this.values = values;
	}

	/**
	 * Checks and copies the first {@code size} values of two arrays, in their order.
	 * @param keys the parameters, distinct, none {@code null}
	 * @param values their values, finite
	 * @param size how many of each array
	 * @return the values, read-only
	 * @throws NullPointerException if a parameter is {@code null}
	 * @throws IllegalArgumentException if a value is {@code null} or not finite, or a
	 * parameter is there twice
	 */
	public static ReadingValues of(Parameter[] keys, Double[] values, int size) {
		Parameter[] copiedKeys = Arrays.copyOf(keys, size);
		Double[] copied = Arrays.copyOf(values, size);
		for (int i = 0; i < size; i++) {
			check(copiedKeys[i], copied[i]);
			for (int j = 0; j < i; j++) {
				if (copiedKeys[j] == copiedKeys[i]) {
					throw new IllegalArgumentException(copiedKeys[i] + " twice");
				}
			}
		}
		return new ReadingValues(copiedKeys, copied);
	}

	/**
	 * Checks and copies the values, or returns them as they are if they are already a
	 * reading's (read-only, checked).
	 * @throws NullPointerException if a parameter is {@code null}
	 * @throws IllegalArgumentException if a value is {@code null} or not finite
	 */
	static ReadingValues copyOf(Map<Parameter, Double> values) {
		if (values instanceof ReadingValues checked) {
			return checked;
		}
		int size = values.size();
		Parameter[] keys = new Parameter[size];
		Double[] copied = new Double[size];
		int[] at = { 0 };
		values.forEach((parameter, value) -> {
			check(parameter, value);
			keys[at[0]] = parameter;
			copied[at[0]++] = value;
		});
		return new ReadingValues(keys, copied);
	}

	private static void check(Parameter parameter, Double value) {
		Objects.requireNonNull(parameter, "parameter");
		if (value == null || !Double.isFinite(value)) {
			throw new IllegalArgumentException("value of " + parameter + " must be finite");
		}
	}

	@Override
	public int size() {
		return this.keys.length;
	}

	@Override
	public boolean containsKey(Object key) {
		return indexOf(key) >= 0;
	}

	@Override
	public Double get(Object key) {
		int at = indexOf(key);
		return (at >= 0) ? this.values[at] : null;
	}

	@Override
	public void forEach(BiConsumer<? super Parameter, ? super Double> action) {
		for (int i = 0; i < this.keys.length; i++) {
			action.accept(this.keys[i], this.values[i]);
		}
	}

	@Override
	public Set<Entry<Parameter, Double>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<Parameter, Double>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < ReadingValues.this.keys.length;
					}

					@Override
					public Entry<Parameter, Double> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int at = this.next++;
						return new SimpleImmutableEntry<>(ReadingValues.this.keys[at], ReadingValues.this.values[at]);
					}

				};
			}

			@Override
			public int size() {
				return ReadingValues.this.keys.length;
			}

		};
	}

	private int indexOf(Object key) {
		for (int i = 0; i < this.keys.length; i++) {
			if (this.keys[i] == key) {
				return i;
			}
		}
		return -1;
	}

}
