package care.vitals.model.codec;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads values from a streaming parser with exactly the parser calls Jackson's tree
 * reader makes ({@code BaseNodeDeserializer}): a string's text, an integer by its number
 * type, a floating-point number as a double, every key of every nested object checked for
 * duplicates. So a streaming decoder fails on the same inputs, at the same point, with
 * the same message as the tree did, without building the tree (a string's escapes, a
 * number's length and a duplicate key deep inside an ignored field are all still
 * checked).
 */
final class TreeTokens {

	private TreeTokens() {
	}

	/**
	 * Reads the value that starts at {@code token} (the current token) to its end and
	 * drops it, like an unknown field's value in the tree; iterative, as the tree reader.
	 */
	static void skip(JsonParser parser, JsonToken token) {
		if (!token.isStructStart()) {
			scalar(parser, token);
			return;
		}
		// one entry per open container: the names of an object, null for an array
		List<PropertyNames> open = new ArrayList<>();
		open.add((token == JsonToken.START_OBJECT) ? PropertyNames.unknown() : null);
		while (!open.isEmpty()) {
			PropertyNames names = open.get(open.size() - 1);
			JsonToken next;
			if (names != null) {
				if (names.next(parser) == null) {
					open.remove(open.size() - 1);
					continue;
				}
				next = parser.nextToken();
			}
			else {
				next = parser.nextToken();
				if (next == JsonToken.END_ARRAY) {
					open.remove(open.size() - 1);
					continue;
				}
			}
			if (next == JsonToken.START_OBJECT) {
				open.add(PropertyNames.unknown());
			}
			else if (next == JsonToken.START_ARRAY) {
				open.add(null);
			}
			else {
				scalar(parser, next);
			}
		}
	}

	/**
	 * Reads a number token's value as the tree would store it and returns it as a double,
	 * like {@code numberValue().doubleValue()} of that node (an integer beyond the double
	 * range is infinite).
	 */
	static double number(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NUMBER_INT) {
			JsonParser.NumberType type = parser.getNumberType();
			if (type == JsonParser.NumberType.INT) {
				return parser.getIntValue();
			}
			if (type == JsonParser.NumberType.LONG) {
				return parser.getLongValue();
			}
			return parser.getBigIntegerValue().doubleValue();
		}
		JsonParser.NumberTypeFP type = parser.getNumberTypeFP();
		if (type == JsonParser.NumberTypeFP.BIG_DECIMAL) {
			return parser.getDecimalValue().doubleValue();
		}
		if (type == JsonParser.NumberTypeFP.FLOAT32) {
			return parser.getFloatValue();
		}
		return parser.getDoubleValue();
	}

	/**
	 * Reads a number token into the node the tree would hold; only for details of a
	 * rejection, which echo the node's text.
	 */
	static JsonNode numberNode(JsonParser parser, JsonToken token) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (token == JsonToken.VALUE_NUMBER_INT) {
			JsonParser.NumberType type = parser.getNumberType();
			if (type == JsonParser.NumberType.INT) {
				return nodes.numberNode(parser.getIntValue());
			}
			if (type == JsonParser.NumberType.LONG) {
				return nodes.numberNode(parser.getLongValue());
			}
			return nodes.numberNode(parser.getBigIntegerValue());
		}
		JsonParser.NumberTypeFP type = parser.getNumberTypeFP();
		if (type == JsonParser.NumberTypeFP.BIG_DECIMAL) {
			return nodes.numberNode(parser.getDecimalValue());
		}
		if (type == JsonParser.NumberTypeFP.FLOAT32) {
			return nodes.numberNode(parser.getFloatValue());
		}
		return nodes.numberNode(parser.getDoubleValue());
	}

	/**
	 * The name of the tree node type a value starting with this token would have, as
	 * {@link JsonFields#typeOf} gives it ({@code object}, {@code string}, ...).
	 */
	static String typeOf(JsonToken token) {
		return switch (token) {
			case START_OBJECT -> "object";
			case START_ARRAY -> "array";
			case VALUE_STRING -> "string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
			case VALUE_TRUE, VALUE_FALSE -> "boolean";
			case VALUE_NULL -> "null";
			default -> token.name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	private static void scalar(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			parser.getString();
		}
		else if (token.isNumeric()) {
			number(parser, token);
		}
	}

}
