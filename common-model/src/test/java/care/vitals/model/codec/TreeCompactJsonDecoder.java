package care.vitals.model.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;

/**
 * The compact JSON decoder as it was before the streaming one (commit 36d945f, then
 * {@code CompactJsonDecoder}): reads the tree {@link StrictJson#parse(byte[])} built.
 * Kept, test scope only, as the reference {@link StreamingEquivalenceTests} compares the
 * streaming decoder with and {@code CompactJsonDecodeBenchmark} measures it against.
 * Unchanged but for its name and this comment.
 * <p>
 * Decodes the compact JSON format (CONTRACTS.md) into one reading:
 * {@code {"ts":"2026-11-27T18:00:00.123Z","seq":4711,"values":{"heart_rate":72},
 * "units":{"temperature":"degF"},"o2":false,"consciousness":"A"}}. {@code ts} and
 * {@code values} are required; unknown top-level fields are ignored. A message without
 * {@code ts} is rejected as {@code missing_device_time} once its structure has been
 * checked (so a structurally broken message still gets its own reason). An impossible
 * value or one with an unsupported unit is removed and reported (see
 * {@link DecodeResult}); if no value and no flag remains, there is no reading.
 */
final class TreeCompactJsonDecoder {

	private static final String TS = "ts";

	private static final String SEQ = "seq";

	private static final String VALUES = "values";

	private static final String UNITS = "units";

	private static final String O2 = "o2";

	private static final String CONSCIOUSNESS = "consciousness";

	Decoded decode(String deviceId, JsonNode root, Instant receivedAt, TimeWindow window) {
		JsonFields.requireObject(root, "compact JSON payload");
		Instant ts = JsonFields.optionalTimestamp(root, TS);
		if (ts != null) {
			ts = window.check(ts, "field 'ts'");
		}
		Long seq = sequence(root);
		Map<Parameter, String> units = units(root);
		List<RejectedValue> rejected = new ArrayList<>();
		Map<Parameter, Double> values = values(root, units, (ts != null) ? ts : receivedAt, rejected);
		Boolean oxygen = JsonFields.optionalBoolean(root, O2);
		Consciousness consciousness = CompactJsonDecoder.consciousness(JsonFields.optionalString(root, CONSCIOUSNESS));
		if (ts == null) {
			throw CompactJsonDecoder.missingTs("a measurement");
		}
		if (values.isEmpty() && oxygen == null && consciousness == null) {
			return new Decoded(List.of(), rejected);
		}
		return new Decoded(List.of(new Reading(deviceId, ts, seq, values, oxygen, consciousness)), rejected);
	}

	private static Long sequence(JsonNode root) {
		JsonNode node = JsonFields.optionalNumber(root, SEQ);
		if (node == null) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD,
					"field 'seq' must be a non-negative 64-bit integer, got " + Rejection.echo(node.toString()));
		}
		return node.longValue();
	}

	private static Map<Parameter, String> units(JsonNode root) {
		JsonNode node = JsonFields.optionalObject(root, UNITS);
		Map<Parameter, String> units = new EnumMap<>(Parameter.class);
		if (node == null) {
			return units;
		}
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			Parameter parameter = parameter(entry.getKey(), "units: ");
			JsonNode unit = entry.getValue();
			if (!unit.isString()) {
				throw JsonFields.wrongType("units." + parameter, "a string", unit);
			}
			units.put(parameter, unit.stringValue());
		}
		return units;
	}

	/**
	 * Returns the possible values; impossible ones and those with an unsupported unit go
	 * to {@code rejected} instead.
	 */
	private static Map<Parameter, Double> values(JsonNode root, Map<Parameter, String> units, Instant ts,
			List<RejectedValue> rejected) {
		JsonNode node = JsonFields.optionalObject(root, VALUES);
		if (node == null) {
			throw JsonFields.missing(VALUES);
		}
		if (node.isEmpty()) {
			throw new DecodeFailure(RejectReason.MISSING_VALUE, "field 'values' has no values");
		}
		Map<Parameter, Double> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			Parameter parameter = parameter(entry.getKey(), "");
			JsonNode value = entry.getValue();
			if (JsonFields.isAbsent(value)) {
				throw new DecodeFailure(RejectReason.MISSING_VALUE, "parameter '" + parameter + "' has no value");
			}
			if (!value.isNumber()) {
				throw JsonFields.wrongType("values." + parameter, "a number", value);
			}
			Plausibility.Checked checked = Plausibility.checkValue(parameter, JsonFields.toDouble(value),
					units.get(parameter), "", ts);
			if (checked.rejected() != null) {
				rejected.add(checked.rejected());
			}
			else {
				values.put(parameter, checked.stored());
			}
		}
		return values;
	}

	private static Parameter parameter(String name, String context) {
		return Parameter.byName(name)
			.orElseThrow(() -> new DecodeFailure(RejectReason.UNKNOWN_PARAMETER,
					context + "unknown parameter " + Rejection.echo(name)));
	}

}
