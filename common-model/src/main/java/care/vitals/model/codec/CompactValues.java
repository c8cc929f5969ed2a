package care.vitals.model.codec;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.ReadingValues;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The {@code values} and {@code units} objects of one compact JSON message, read from the
 * stream in any order and checked afterwards in the fixed order of
 * {@link CompactMessage}: units first, then values. A fault is remembered, not thrown, so
 * that a syntax error later in the payload still wins (as with the tree, which was parsed
 * completely before anything was checked); the rest of the object is then read only for
 * its syntax. Not thread-safe: one per message.
 */
final class CompactValues {

	private static final Parameter[] PARAMETERS = Parameter.values();

	private boolean present;

	private int count;

	private DecodeFailure typeFailure;

	private DecodeFailure entryFailure;

	private final Parameter[] parameters = new Parameter[PARAMETERS.length];

	private final double[] numbers = new double[PARAMETERS.length];

	private int read;

	private Map<Parameter, String> units;

	private DecodeFailure unitsFailure;

	/**
	 * Reads the value of {@code values}; the parser is at its first token.
	 */
	void readValues(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		this.present = true;
		if (token != JsonToken.START_OBJECT) {
			TreeTokens.skip(parser, token);
			this.typeFailure = JsonFields.wrongType("values", "an object", TreeTokens.typeOf(token));
			return;
		}
		PropertyNames names = new PropertyNames(CompactValues::parameterBit);
		for (String name = names.next(parser); name != null; name = names.next(parser)) {
			JsonToken value = parser.nextToken();
			this.count++;
			if (this.entryFailure == null) {
				Parameter parameter = (names.bit() >= 0) ? PARAMETERS[names.bit()] : null;
				if (parameter != null && value.isNumeric()) {
					this.parameters[this.read] = parameter;
					this.numbers[this.read++] = TreeTokens.number(parser, value);
					continue;
				}
				this.entryFailure = valueFailure(name, parameter, value);
			}
			TreeTokens.skip(parser, value);
		}
	}

	/**
	 * Reads the value of {@code units}; the parser is at its first token.
	 */
	void readUnits(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return;
		}
		if (token != JsonToken.START_OBJECT) {
			TreeTokens.skip(parser, token);
			this.unitsFailure = JsonFields.wrongType("units", "an object", TreeTokens.typeOf(token));
			return;
		}
		PropertyNames names = new PropertyNames(CompactValues::parameterBit);
		for (String name = names.next(parser); name != null; name = names.next(parser)) {
			JsonToken value = parser.nextToken();
			if (this.unitsFailure == null) {
				Parameter parameter = (names.bit() >= 0) ? PARAMETERS[names.bit()] : null;
				if (parameter == null) {
					this.unitsFailure = unknown(name, "units: ");
				}
				else if (value == JsonToken.VALUE_STRING) {
					if (this.units == null) {
						this.units = new EnumMap<>(Parameter.class);
					}
					this.units.put(parameter, parser.getString());
					continue;
				}
				else {
					this.unitsFailure = JsonFields.wrongType("units." + parameter, "a string",
							TreeTokens.typeOf(value));
				}
			}
			TreeTokens.skip(parser, value);
		}
	}

	/**
	 * Throws the first fault of units, then of values; returns the possible values in
	 * stored units, in payload order; impossible ones and those with an unsupported unit
	 * go to {@code rejected} instead.
	 * @param timestamp the time the rejected values are dated with
	 */
	Map<Parameter, Double> check(Instant timestamp, List<RejectedValue> rejected) {
		if (this.unitsFailure != null) {
			throw this.unitsFailure;
		}
		if (!this.present) {
			throw JsonFields.missing("values");
		}
		if (this.typeFailure != null) {
			throw this.typeFailure;
		}
		if (this.count == 0) {
			throw new DecodeFailure(RejectReason.MISSING_VALUE, "field 'values' has no values");
		}
		if (this.entryFailure != null) {
			throw this.entryFailure;
		}
		// accepted values move to the front of the arrays, in payload order
		Double[] stored = new Double[this.read];
		int accepted = 0;
		for (int i = 0; i < this.read; i++) {
			Parameter parameter = this.parameters[i];
			String unit = (this.units != null) ? this.units.get(parameter) : null;
			Plausibility.Checked checked = Plausibility.checkValue(parameter, this.numbers[i], unit, "", timestamp);
			if (checked.rejected() != null) {
				rejected.add(checked.rejected());
			}
			else {
				this.parameters[accepted] = parameter;
				stored[accepted++] = checked.stored();
			}
		}
		return ReadingValues.of(this.parameters, stored, accepted);
	}

	private static DecodeFailure valueFailure(String name, Parameter parameter, JsonToken value) {
		if (parameter == null) {
			return unknown(name, "");
		}
		if (value == JsonToken.VALUE_NULL) {
			return new DecodeFailure(RejectReason.MISSING_VALUE, "parameter '" + parameter + "' has no value");
		}
		return JsonFields.wrongType("values." + parameter, "a number", TreeTokens.typeOf(value));
	}

	private static DecodeFailure unknown(String name, String context) {
		return new DecodeFailure(RejectReason.UNKNOWN_PARAMETER, context + "unknown parameter " + Rejection.echo(name));
	}

	private static int parameterBit(String name) {
		Parameter parameter = Parameter.byName(name).orElse(null);
		return (parameter != null) ? parameter.ordinal() : -1;
	}

}
