package care.vitals.model.codec;

import java.util.Objects;

import care.vitals.model.reading.Reading;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes a reading as compact JSON (UTF-8), values in stored units, without a
 * {@code units} object: {@code {"ts":"2026-11-27T18:00:00.123Z","seq":4711,
 * "values":{"heart_rate":72.0},"o2":false,"consciousness":"A"}}. Absent sequence and
 * flags are omitted. Stateless and thread-safe.
 */
public final class CompactJsonEncoder {

	/**
	 * Encodes one reading.
	 * @param reading the reading
	 * @return the UTF-8 JSON bytes, decodable by {@link MeasurementDecoder}
	 */
	public byte[] encode(Reading reading) {
		Objects.requireNonNull(reading, "reading");
		ObjectNode root = StrictJson.WRITER.createObjectNode();
		root.put("ts", reading.timestamp().toString());
		if (reading.sequence() != null) {
			root.put("seq", reading.sequence().longValue());
		}
		ObjectNode values = root.putObject("values");
		reading.values().forEach((parameter, value) -> values.put(parameter.canonicalName(), value.doubleValue()));
		if (reading.oxygen() != null) {
			root.put("o2", reading.oxygen().booleanValue());
		}
		if (reading.consciousness() != null) {
			root.put("consciousness", reading.consciousness().name());
		}
		return StrictJson.WRITER.writeValueAsBytes(root);
	}

}
