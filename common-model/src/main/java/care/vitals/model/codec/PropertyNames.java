package care.vitals.model.codec;

import java.util.HashSet;
import java.util.Set;
import java.util.function.ToIntFunction;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The property names of one JSON object read so far, to reject a duplicate key exactly as
 * Jackson's {@code STRICT_DUPLICATE_DETECTION} does, with its message and at the same
 * point of the payload, but without its cost: a known name (a field of the message, a
 * parameter) is one bit of a mask, and only unknown names go to a set, created on the
 * first one (Jackson creates a {@code HashSet} in every object with three or more keys).
 * <p>
 * Jackson checks a name as soon as it has read it, before the colon and the start of the
 * value; {@link #next(JsonParser)} does the same, so a duplicate key still wins over a
 * syntax error right after it ({@code {"a":1,"a"}} is a duplicate, as with the tree).
 */
final class PropertyNames {

	private static final ToIntFunction<String> NONE_KNOWN = (name) -> -1;

	private final ToIntFunction<String> bits;

	private long seen;

	private Set<String> others;

	private int bit = -1;

	/**
	 * @param bits the bit (0-63) of a known name, -1 for any other name
	 */
	PropertyNames(ToIntFunction<String> bits) {
		this.bits = bits;
	}

	/**
	 * Names of an object whose keys are all unknown (nested values nobody reads).
	 */
	static PropertyNames unknown() {
		return new PropertyNames(NONE_KNOWN);
	}

	/**
	 * Reads the next property name of the object the parser is in, after its start or
	 * after a complete value.
	 * @return the name, or {@code null} at the end of the object
	 * @throws DecodeFailure for a duplicate name (the tree's {@code malformed_json})
	 */
	String next(JsonParser parser) {
		String name;
		try {
			name = parser.nextName();
		}
		catch (JacksonException ex) {
			// A name was read, then the colon or the value's start failed: Jackson's own
			// detection would have failed first if the name was a duplicate.
			if (parser.currentToken() == JsonToken.PROPERTY_NAME) {
				add(parser.currentName());
			}
			throw ex;
		}
		if (name != null) {
			add(name);
		}
		return name;
	}

	/**
	 * Returns the bit of the name {@link #next(JsonParser)} returned last.
	 * @return 0-63, or -1 if the name is not a known one
	 */
	int bit() {
		return this.bit;
	}

	private void add(String name) {
		this.bit = this.bits.applyAsInt(name);
		if (this.bit >= 0) {
			long mask = 1L << this.bit;
			if ((this.seen & mask) != 0) {
				throw StrictJson.duplicate(name);
			}
			this.seen |= mask;
			return;
		}
		if (this.others == null) {
			this.others = new HashSet<>();
		}
		if (!this.others.add(name)) {
			throw StrictJson.duplicate(name);
		}
	}

}
