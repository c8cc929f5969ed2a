package care.vitals.model.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The fields of one compact JSON message as the stream delivers them, checked afterwards
 * in the order the tree decoder checked them, whatever their order in the payload: the
 * root's type, {@code ts} (and its window), {@code seq}, {@code units}, {@code values},
 * {@code o2}, {@code consciousness}, then the missing {@code ts}. A fault is remembered,
 * not thrown, until the whole payload has been read, so a syntax error anywhere still
 * wins as it did. Not thread-safe: one per message.
 */
final class CompactMessage {

	private static final int TS = 0;

	private static final int SEQ = 1;

	private static final int VALUES = 2;

	private static final int UNITS = 3;

	private static final int O2 = 4;

	private static final int CONSCIOUSNESS = 5;

	private String rootType;

	private Instant ts;

	private DecodeFailure tsFailure;

	private Long seq;

	private DecodeFailure seqFailure;

	private final CompactValues values = new CompactValues();

	private Boolean oxygen;

	private DecodeFailure oxygenFailure;

	private Consciousness consciousness;

	private DecodeFailure consciousnessFailure;

	/**
	 * Reads the fields of the root object; the parser is at its start.
	 */
	void read(JsonParser parser) {
		PropertyNames names = new PropertyNames(CompactMessage::field);
		while (names.next(parser) != null) {
			JsonToken token = parser.nextToken();
			switch (names.bit()) {
				case TS -> readTs(parser, token);
				case SEQ -> readSeq(parser, token);
				case VALUES -> this.values.readValues(parser, token);
				case UNITS -> this.values.readUnits(parser, token);
				case O2 -> readOxygen(parser, token);
				case CONSCIOUSNESS -> readConsciousness(parser, token);
				default -> TreeTokens.skip(parser, token);
			}
		}
	}

	/**
	 * Records a root value that is not an object (it has been read).
	 */
	void notAnObject(JsonToken root) {
		this.rootType = TreeTokens.typeOf(root);
	}

	/**
	 * Checks the fields read and builds the result.
	 * @throws DecodeFailure for the first fault in the tree decoder's order
	 */
	Decoded decode(String deviceId, Instant receivedAt, TimeWindow window) {
		if (this.rootType != null) {
			throw JsonFields.notAnObject("compact JSON payload", this.rootType);
		}
		throwIfFailed(this.tsFailure);
		Instant time = (this.ts != null) ? window.check(this.ts, "field 'ts'") : null;
		throwIfFailed(this.seqFailure);
		List<RejectedValue> rejected = new ArrayList<>();
		Map<Parameter, Double> checked = this.values.check((time != null) ? time : receivedAt, rejected);
		throwIfFailed(this.oxygenFailure);
		throwIfFailed(this.consciousnessFailure);
		if (time == null) {
			throw CompactJsonDecoder.missingTs("a measurement");
		}
		if (checked.isEmpty() && this.oxygen == null && this.consciousness == null) {
			return new Decoded(List.of(), rejected);
		}
		return new Decoded(List.of(new Reading(deviceId, time, this.seq, checked, this.oxygen, this.consciousness)),
				rejected);
	}

	private void readTs(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		if (!token.isScalarValue()) {
			TreeTokens.skip(parser, token);
			this.tsFailure = JsonFields.wrongType("ts", JsonFields.TIMESTAMP_TYPES, TreeTokens.typeOf(token));
			return;
		}
		try {
			if (token == JsonToken.VALUE_STRING) {
				this.ts = JsonFields.isoTimestamp("ts", parser.getString());
			}
			else if (isLong(parser, token)) {
				this.ts = Instant.ofEpochMilli(parser.getLongValue());
			}
			else if (token.isNumeric()) {
				this.ts = JsonFields.timestamp("ts", TreeTokens.numberNode(parser, token));
			}
			else {
				this.tsFailure = JsonFields.wrongType("ts", JsonFields.TIMESTAMP_TYPES, TreeTokens.typeOf(token));
			}
		}
		catch (DecodeFailure failure) {
			// only a fault of the value itself: nothing in this block reads further
			this.tsFailure = failure;
		}
	}

	private void readSeq(JsonParser parser, JsonToken token) {
		if (isLong(parser, token) && parser.getLongValue() >= 0) {
			this.seq = parser.getLongValue();
		}
		else if (token.isNumeric()) {
			JsonNode node = TreeTokens.numberNode(parser, token);
			if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
				this.seqFailure = new DecodeFailure(RejectReason.INVALID_FIELD,
						"field 'seq' must be a non-negative 64-bit integer, got " + Rejection.echo(node.toString()));
			}
			else {
				this.seq = node.longValue();
			}
		}
		else if (token != JsonToken.VALUE_NULL) {
			TreeTokens.skip(parser, token);
			this.seqFailure = JsonFields.wrongType("seq", "a number", TreeTokens.typeOf(token));
		}
	}

	private void readOxygen(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			this.oxygen = token == JsonToken.VALUE_TRUE;
		}
		else if (token != JsonToken.VALUE_NULL) {
			TreeTokens.skip(parser, token);
			this.oxygenFailure = JsonFields.wrongType("o2", "a boolean", TreeTokens.typeOf(token));
		}
	}

	private void readConsciousness(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			try {
				this.consciousness = CompactJsonDecoder.consciousness(parser.getString());
			}
			catch (DecodeFailure failure) {
				this.consciousnessFailure = failure;
			}
		}
		else if (token != JsonToken.VALUE_NULL) {
			TreeTokens.skip(parser, token);
			this.consciousnessFailure = JsonFields.wrongType("consciousness", "a string", TreeTokens.typeOf(token));
		}
	}

	private static void throwIfFailed(DecodeFailure failure) {
		if (failure != null) {
			throw failure;
		}
	}

	/** An integer the parser holds as an int or a long (not a BigInteger). */
	private static boolean isLong(JsonParser parser, JsonToken token) {
		return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
	}

	private static int field(String name) {
		return switch (name) {
			case "ts" -> TS;
			case "seq" -> SEQ;
			case "values" -> VALUES;
			case "units" -> UNITS;
			case "o2" -> O2;
			case "consciousness" -> CONSCIOUSNESS;
			default -> -1;
		};
	}

}
