package care.vitals.model.codec;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.parameter.UnitConversion;
import care.vitals.model.reading.Reading;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes readings of one device as a SenML JSON pack (RFC 8428, UTF-8).
 * <p>
 * The first record carries {@code bn = "urn:dev:{deviceId}:"} and {@code bt} = the first
 * reading's time in epoch seconds; each record has {@code n} = the canonical parameter
 * name and {@code t} = seconds relative to {@code bt} (omitted when 0). Units are the
 * stored UCUM units unless overridden: blood pressure is written as {@code mm[Hg]}, which
 * SenML does not register (it has only {@code Pa}); pass {@code Pa} as an override for
 * strict SenML consumers. Dimensionless codes (unit {@code 1}) carry no {@code u}. The
 * flags become {@code {"n":"o2","vb":…}} and {@code {"n":"consciousness","vs":…}}. SenML
 * times carry at most microsecond precision. Stateless and thread-safe.
 */
public final class SenmlEncoder {

	/**
	 * Encodes one reading in stored units.
	 * @param reading the reading
	 * @return the UTF-8 SenML JSON bytes
	 */
	public byte[] encode(Reading reading) {
		return encode(List.of(reading), Map.of());
	}

	/**
	 * Encodes readings of one device in stored units.
	 * @param readings at least one reading, all of the same device
	 * @return the UTF-8 SenML JSON bytes
	 */
	public byte[] encode(List<Reading> readings) {
		return encode(readings, Map.of());
	}

	/**
	 * Encodes readings of one device, writing some parameters in another accepted unit.
	 * @param readings at least one reading, all of the same device, at times from
	 * 1978-07-04 on (earlier absolute times would read as relative, RFC 8428 §4.5.3)
	 * @param units the unit per parameter where it differs from the stored unit; each
	 * must be accepted by its parameter
	 * @return the UTF-8 SenML JSON bytes
	 * @throws IllegalArgumentException if the readings are empty, of several devices, too
	 * early, or a unit is not accepted
	 */
	public byte[] encode(List<Reading> readings, Map<Parameter, String> units) {
		Objects.requireNonNull(readings, "readings");
		Objects.requireNonNull(units, "units");
		if (readings.isEmpty()) {
			throw new IllegalArgumentException("at least one reading is needed");
		}
		Reading first = readings.get(0);
		Instant baseTime = first.timestamp();
		if (baseTime.getEpochSecond() < (long) SenmlDecoder.RELATIVE_TIME_LIMIT) {
			throw new IllegalArgumentException("SenML cannot express absolute times before 2^28 s after the epoch");
		}
		ArrayNode pack = StrictJson.WRITER.createArrayNode();
		for (Reading reading : readings) {
			if (!reading.deviceId().equals(first.deviceId())) {
				throw new IllegalArgumentException("all readings of a pack must come from one device");
			}
			BigDecimal offset = seconds(Duration.between(baseTime, reading.timestamp()));
			reading.values().forEach((parameter, value) -> {
				UnitConversion conversion = conversion(parameter, units.get(parameter));
				ObjectNode record = newRecord(pack, parameter.canonicalName(), offset);
				if (!"1".equals(conversion.unit())) {
					record.put("u", conversion.unit());
				}
				record.put("v", conversion.fromStored(value));
			});
			if (reading.oxygen() != null) {
				newRecord(pack, "o2", offset).put("vb", reading.oxygen().booleanValue());
			}
			if (reading.consciousness() != null) {
				newRecord(pack, "consciousness", offset).put("vs", reading.consciousness().name());
			}
		}
		ObjectNode head = (ObjectNode) pack.get(0);
		ObjectNode base = StrictJson.WRITER.createObjectNode();
		base.put("bn", "urn:dev:" + first.deviceId() + ":");
		base.put("bt", seconds(Duration.ofSeconds(baseTime.getEpochSecond(), baseTime.getNano())));
		base.setAll(head);
		pack.set(0, base);
		return StrictJson.WRITER.writeValueAsBytes(pack);
	}

	private static ObjectNode newRecord(ArrayNode pack, String name, BigDecimal offset) {
		ObjectNode record = pack.addObject();
		record.put("n", name);
		if (offset.signum() != 0) {
			record.put("t", offset);
		}
		return record;
	}

	private static UnitConversion conversion(Parameter parameter, String unit) {
		return parameter.conversion(unit)
			.orElseThrow(() -> new IllegalArgumentException(
					"unit '" + unit + "' is not accepted for parameter '" + parameter + "'"));
	}

	private static BigDecimal seconds(Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros();
		return (seconds.scale() < 0) ? seconds.setScale(0) : seconds;
	}

}
