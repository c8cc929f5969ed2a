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

	/** What {@link #timestamp(String, JsonNode)} accepts, for a wrong type's detail. */
	static final String TIMESTAMP_TYPES = "ISO-8601 text or epoch milliseconds";

	static JsonNode requireObject(JsonNode node, String what) {
		if (!node.isObject()) {
			throw notAnObject(what, typeOf(node));
		}
		return node;
	}

	static DecodeFailure notAnObject(String what, String actualType) {
		return new DecodeFailure(RejectReason.WRONG_TYPE, what + " must be a JSON object, got " + actualType);
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
		return timestamp(field, node);
	}

	/**
	 * Reads a present timestamp node (see {@link #optionalTimestamp}).
	 */
	static Instant timestamp(String field, JsonNode node) {
		if (node.isString()) {
			return isoTimestamp(field, node.stringValue());
		}
		if (!node.isNumber()) {
			throw wrongType(field, TIMESTAMP_TYPES, node);
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
	 * Reads a timestamp given as ISO-8601 text.
	 */
	static Instant isoTimestamp(String field, String text) {
		try {
			return UtcTimestamps.parse(text);
		}
		catch (DateTimeException ex) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD,
					"field '" + field + "' value " + Rejection.echo(text) + " is not an ISO-8601 instant");
		}
	}

	/**
	 * Returns a number node's value as a double; integers beyond the double range become
	 * infinite (Jackson 3's {@code doubleValue()} would throw instead).
	 */
	static double toDouble(JsonNode number) {
		return number.numberValue().doubleValue();
	}

	static DecodeFailure wrongType(String field, String expected, JsonNode actual) {
		return wrongType(field, expected, typeOf(actual));
	}

	/**
	 * @param actualType the actual type as {@link #typeOf} names it
	 */
	static DecodeFailure wrongType(String field, String expected, String actualType) {
		return new DecodeFailure(RejectReason.WRONG_TYPE,
				"field '" + field + "' must be " + expected + ", got " + actualType);
	}

	static DecodeFailure missing(String field) {
		return new DecodeFailure(RejectReason.MISSING_VALUE, "field '" + field + "' is required");
	}

	static String typeOf(JsonNode node) {
		return node.getNodeType().name().toLowerCase(Locale.ROOT);
	}

}
