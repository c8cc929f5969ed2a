package care.vitals.model.codec;

import java.util.List;

import care.vitals.model.reading.Reading;

/**
 * A measurement message that decoded: its structure was valid, and every possible value
 * is in {@link #readings()}. Values that were impossible or had an unsupported unit were
 * removed one by one and are listed in {@link #rejectedValues()} (see
 * {@link DecodeResult}).
 * <p>
 * A reading whose values were all rejected and that carries no flag ({@code o2},
 * {@code consciousness}) is dropped; its rejected values remain listed. A reading whose
 * values were all rejected but that carries a flag is kept with the flag only. So
 * {@code readings} may be empty, but then {@code rejectedValues} is not.
 *
 * @param readings the readings in payload order (SenML: one per distinct resolved time,
 * in order of first appearance), in stored units; unmodifiable, never {@code null}, empty
 * only if every value was rejected and no flag was sent
 * @param rejectedValues the values removed from the readings, in payload order;
 * unmodifiable, never {@code null}, usually empty
 */
public record Decoded(List<Reading> readings, List<RejectedValue> rejectedValues) implements DecodeResult {

	/**
	 * Copies the lists.
	 * @throws IllegalArgumentException if both are empty
	 */
	public Decoded {
		readings = List.copyOf(readings);
		rejectedValues = List.copyOf(rejectedValues);
		if (readings.isEmpty() && rejectedValues.isEmpty()) {
			throw new IllegalArgumentException("readings and rejected values must not both be empty");
		}
	}

	/**
	 * Creates a result of readings without rejected values.
	 * @param readings the readings; never {@code null} or empty
	 */
	public Decoded(List<Reading> readings) {
		this(requireNotEmpty(readings), List.of());
	}

	private static List<Reading> requireNotEmpty(List<Reading> readings) {
		if (readings.isEmpty()) {
			throw new IllegalArgumentException("readings must not be empty");
		}
		return readings;
	}

}
