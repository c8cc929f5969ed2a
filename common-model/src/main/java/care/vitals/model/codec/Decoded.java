package care.vitals.model.codec;

import java.util.List;

import care.vitals.model.reading.Reading;

/**
 * A measurement message that decoded completely.
 *
 * @param readings the readings in payload order (SenML: one per distinct resolved time,
 * in order of first appearance); unmodifiable, never {@code null} or empty
 */
public record Decoded(List<Reading> readings) implements DecodeResult {

	/**
	 * Copies the readings.
	 */
	public Decoded {
		readings = List.copyOf(readings);
		if (readings.isEmpty()) {
			throw new IllegalArgumentException("readings must not be empty");
		}
	}

}
