package care.vitals.model.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to the fields of a parsed JSON object, turning every type mismatch into a
 * precise rejection. A field that is absent or JSON {@code null} counts as absent for
 * optional fields and as {@link RejectReason#MISSING_VALUE} for required ones.
 */
final class JsonFields {

	private JsonFields() {
	}

	static JsonNode requireObject(JsonNode node, String what) {
		if (!node.isObject()) {
			throw new DecodeFailure(RejectReason.WRONG_TYPE, what + " must be a JSON object, got " + typeOf(node));
		}
		return node;
	}

	static boolean isAbsent(JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode();
	}

	static String optionalString(JsonNode object, String field) {
		JsonNode node = object.get(field);
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isString()) {
			throw wrongType(field, "a string", node);
		}
		return node.stringValue();
	}

	static String requireString(JsonNode object, String field) {
		String value = optionalString(object, field);
		if (value == null) {
			throw missing(field);
		}
		return value;
	}

	static Boolean optionalBoolean(JsonNode object, String field) {
		JsonNode node = object.get(field);
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isBoolean()) {
			throw wrongType(field, "a boolean", node);
		}
		return node.booleanValue();
	}

	static JsonNode optionalNumber(JsonNode object, String field) {
		JsonNode node = object.get(field);
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isNumber()) {
			throw wrongType(field, "a number", node);
		}
		return node;
	}

	static JsonNode optionalObject(JsonNode object, String field) {
		JsonNode node = object.get(field);
		if (isAbsent(node)) {
			return null;
		}
		if (!node.isObject()) {
			throw wrongType(field, "an object", node);
		}
		return node;
	}

	/**
	 * Reads a timestamp given as ISO-8601 text ({@code 2026-11-27T18:00:00.123Z}, offsets
	 * allowed) or as integer epoch milliseconds.
	 * @return the instant, or {@code null} if absent
	 */
	static Instant optionalTimestamp(JsonNode object, String field) {
		JsonNode node = object.get(field);
		if (isAbsent(node)) {
			return null;
		}
		if (node.isString()) {
			try {
				return UtcTimestamps.parse(node.stringValue());
			}
			catch (DateTimeException ex) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD, "field '" + field + "' value "
						+ Rejection.echo(node.stringValue()) + " is not an ISO-8601 instant");
			}
		}
		if (!node.isNumber()) {
			throw wrongType(field, "ISO-8601 text or epoch milliseconds", node);
		}
		if (!node.isIntegralNumber()) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD,
					"field '" + field + "' must be whole epoch milliseconds, got " + Rejection.echo(node.toString()));
		}
		if (!node.canConvertToLong()) {
			throw new DecodeFailure(RejectReason.TIMESTAMP_OUT_OF_BOUNDS,
					"field '" + field + "' epoch milliseconds out of range");
		}
		return Instant.ofEpochMilli(node.longValue());
	}

	/**
	 * Returns a number node's value as a double; integers beyond the double range become
	 * infinite (Jackson 3's {@code doubleValue()} would throw instead).
	 */
	static double toDouble(JsonNode number) {
		return number.numberValue().doubleValue();
	}

	static DecodeFailure wrongType(String field, String expected, JsonNode actual) {
		return new DecodeFailure(RejectReason.WRONG_TYPE,
				"field '" + field + "' must be " + expected + ", got " + typeOf(actual));
	}

	static DecodeFailure missing(String field) {
		return new DecodeFailure(RejectReason.MISSING_VALUE, "field '" + field + "' is required");
	}

	static String typeOf(JsonNode node) {
		return node.getNodeType().name().toLowerCase(Locale.ROOT);
	}

}
