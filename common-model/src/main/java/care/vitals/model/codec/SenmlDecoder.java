package care.vitals.model.codec;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;

/**
 * Decodes SenML JSON (RFC 8428) into readings.
 * <p>
 * Rules, in RFC terms:
 * <ul>
 * <li>Base fields {@code bn}, {@code bt}, {@code bu}, {@code bv} apply to their own
 * record and every later one until overridden; {@code bver} up to 10 is accepted,
 * {@code bs} is read and ignored.</li>
 * <li>Name = {@code bn + n}, must match the RFC name syntax; the parameter is the last
 * segment after {@code :} or {@code /}. The rest of the name (e.g.
 * {@code urn:dev:ow:10e2073a01080063}) is ignored: the device id always comes from the
 * topic.</li>
 * <li>Time = {@code bt + t} in seconds since the Unix epoch, resolved to microseconds. A
 * time below 2^28 (relative to now, RFC 8428 §4.5.3) rejects the pack as
 * {@code missing_device_time} once all its records have been checked: the receive time is
 * not a stable identity for a redelivered message.</li>
 * <li>Exactly one of {@code v}, {@code vs}, {@code vb}, {@code vd} per record; a numeric
 * value is {@code bv + v}, or {@code bv} alone if {@code v} is absent. A record with only
 * a sum ({@code s}) is rejected as {@code invalid_senml}: sums have no meaning for vital
 * signs, and silently dropping data is not allowed. A sum next to a value is
 * ignored.</li>
 * <li>Unit = {@code u}, else {@code bu}, else the stored unit; {@code %} is percent,
 * {@code /} a ratio 0-1 (CLINICAL.md).</li>
 * <li>Special names: {@code o2} with {@code vb} sets the supplemental-oxygen flag,
 * {@code consciousness} with {@code vs} the ACVPU level.</li>
 * <li>Unknown fields are ignored, but a field whose name ends in {@code _} (must
 * understand, RFC 8428 §4.4) rejects the pack.</li>
 * <li>Records are grouped into one reading per distinct resolved time, in order of first
 * appearance; the same parameter twice at the same time is rejected (also if one of the
 * two values is impossible).</li>
 * <li>A record whose value is impossible or has an unsupported unit is not part of its
 * reading; it is reported as a {@link RejectedValue} with the record's resolved time (see
 * {@link DecodeResult}). A time whose records were all rejected and carry no flag yields
 * no reading.</li>
 * </ul>
 */
final class SenmlDecoder {

	/** Times below this (2^28 s) are relative to now (RFC 8428 §4.5.3). */
	static final double RELATIVE_TIME_LIMIT = 268_435_456d;

	/** SenML version this decoder implements (RFC 8428). */
	private static final int VERSION = 10;

	/** Times beyond this many seconds (about 3000 years) are never plausible. */
	private static final double MAX_ABS_SECONDS = 1e11;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][-:./_A-Za-z0-9]*");

	private static final String O2 = "o2";

	private static final String CONSCIOUSNESS = "consciousness";

	private static final String[] VALUE_FIELDS = { "v", "vs", "vb", "vd" };

	private final int maxRecords;

	SenmlDecoder(DecodeLimits limits) {
		this.maxRecords = limits.maxRecords();
	}

	Decoded decode(String deviceId, JsonNode root, Instant receivedAt, TimeWindow window) {
		if (!root.isArray()) {
			throw new DecodeFailure(RejectReason.INVALID_SENML,
					"a SenML pack must be a JSON array, got " + JsonFields.typeOf(root));
		}
		if (root.isEmpty()) {
			throw new DecodeFailure(RejectReason.MISSING_VALUE, "the SenML pack has no records");
		}
		if (root.size() > this.maxRecords) {
			throw new DecodeFailure(RejectReason.TOO_MANY_RECORDS,
					"the SenML pack has " + root.size() + " records, the limit is " + this.maxRecords);
		}
		Base base = new Base();
		Map<Instant, Group> groups = new LinkedHashMap<>();
		List<RejectedValue> rejected = new ArrayList<>();
		String relative = null;
		for (int i = 0; i < root.size(); i++) {
			String context = "record " + (i + 1) + ": ";
			JsonNode record = root.get(i);
			if (!record.isObject()) {
				throw new DecodeFailure(RejectReason.INVALID_SENML,
						context + "must be a JSON object, got " + JsonFields.typeOf(record));
			}
			rejectMustUnderstandFields(record, context);
			base.update(record, context);
			if (relative == null && isRelative(record, base)) {
				relative = context;
			}
			Instant time = window.check(resolveTime(record, base, receivedAt, context), context + "time");
			Group group = groups.computeIfAbsent(time, (key) -> new Group());
			applyRecord(record, base, group, context, time, rejected);
		}
		if (relative != null) {
			throw new DecodeFailure(RejectReason.MISSING_DEVICE_TIME, relative
					+ "time is relative to now (below 2^28 s, RFC 8428 §4.5.3): the device's own time is required,"
					+ " as seconds since 1970 in bt or t; a relative time would be stored again on every redelivery"
					+ " and dated when it arrived");
		}
		List<Reading> readings = new ArrayList<>(groups.size());
		groups.forEach((time, group) -> {
			if (group.hasContent()) {
				readings.add(group.toReading(deviceId, time));
			}
		});
		return new Decoded(readings, rejected);
	}

	private static void rejectMustUnderstandFields(JsonNode record, String context) {
		for (String field : record.propertyNames()) {
			if (field.endsWith("_")) {
				throw new DecodeFailure(RejectReason.INVALID_SENML, context + "field " + Rejection.echo(field)
						+ " ends in '_' (must-understand extension, not supported)");
			}
		}
	}

	private static boolean isRelative(JsonNode record, Base base) {
		JsonNode t = JsonFields.optionalNumber(record, "t");
		double seconds = base.time + ((t != null) ? JsonFields.toDouble(t) : 0);
		return Double.isFinite(seconds) && seconds < RELATIVE_TIME_LIMIT;
	}

	private static Instant resolveTime(JsonNode record, Base base, Instant receivedAt, String context) {
		JsonNode t = JsonFields.optionalNumber(record, "t");
		double seconds = base.time + ((t != null) ? JsonFields.toDouble(t) : 0);
		if (!Double.isFinite(seconds) || Math.abs(seconds) > MAX_ABS_SECONDS) {
			throw new DecodeFailure(RejectReason.TIMESTAMP_OUT_OF_BOUNDS,
					context + "time " + seconds + " s is not a usable instant");
		}
		long micros = Math.round(seconds * 1e6);
		Instant origin = (seconds < RELATIVE_TIME_LIMIT) ? receivedAt : Instant.EPOCH;
		return origin.plus(micros, ChronoUnit.MICROS);
	}

	private static void applyRecord(JsonNode record, Base base, Group group, String context, Instant time,
			List<RejectedValue> rejected) {
		String name = base.name + nonNull(JsonFields.optionalString(record, "n"));
		String key = parameterKey(name, context);
		String valueField = valueField(record, context);
		JsonFields.optionalNumber(record, "s");
		JsonFields.optionalNumber(record, "ut");
		if (O2.equals(key)) {
			group.setOxygen(booleanValue(record, valueField, key, context), context);
		}
		else if (CONSCIOUSNESS.equals(key)) {
			String code = stringValue(record, valueField, key, context);
			group.setConsciousness(CompactJsonDecoder.consciousness(code), context);
		}
		else {
			Parameter parameter = Parameter.byName(key)
				.orElseThrow(() -> new DecodeFailure(RejectReason.UNKNOWN_PARAMETER,
						context + "unknown parameter " + Rejection.echo(key)));
			double raw = numericValue(record, valueField, base, key, context);
			String unit = JsonFields.optionalString(record, "u");
			Plausibility.Checked checked = Plausibility.checkValue(parameter, raw, (unit != null) ? unit : base.unit,
					context, time);
			group.put(parameter, checked.stored(), context);
			if (checked.rejected() != null) {
				rejected.add(checked.rejected());
			}
		}
	}

	private static String parameterKey(String name, String context) {
		if (name.isEmpty()) {
			throw new DecodeFailure(RejectReason.INVALID_SENML, context + "name missing (no bn and no n)");
		}
		if (!NAME.matcher(name).matches()) {
			throw new DecodeFailure(RejectReason.INVALID_SENML,
					context + "name " + Rejection.echo(name) + " violates the SenML name syntax");
		}
		int separator = Math.max(name.lastIndexOf(':'), name.lastIndexOf('/'));
		String key = name.substring(separator + 1);
		if (key.isEmpty()) {
			throw new DecodeFailure(RejectReason.INVALID_SENML,
					context + "name " + Rejection.echo(name) + " has no parameter after its last ':' or '/'");
		}
		return key;
	}

	/**
	 * Returns the one value field the record has, or {@code null} if it has none.
	 */
	private static String valueField(JsonNode record, String context) {
		String found = null;
		for (String field : VALUE_FIELDS) {
			if (record.has(field)) {
				if (found != null) {
					throw new DecodeFailure(RejectReason.INVALID_SENML,
							context + "more than one value field ('" + found + "' and '" + field + "')");
				}
				found = field;
			}
		}
		if (found != null && record.get(found).isNull()) {
			throw new DecodeFailure(RejectReason.MISSING_VALUE, context + "value field '" + found + "' is null");
		}
		return found;
	}

	private static double numericValue(JsonNode record, String valueField, Base base, String key, String context) {
		if (valueField == null) {
			if (base.value != null) {
				return base.value;
			}
			if (record.has("s")) {
				throw new DecodeFailure(RejectReason.INVALID_SENML,
						context + "sum-only records are not supported for '" + key + "'");
			}
			throw new DecodeFailure(RejectReason.MISSING_VALUE, context + "'" + key + "' has no value");
		}
		if (!"v".equals(valueField)) {
			throw new DecodeFailure(RejectReason.WRONG_TYPE,
					context + "'" + key + "' needs a numeric value 'v', got '" + valueField + "'");
		}
		JsonNode v = JsonFields.optionalNumber(record, "v");
		return ((base.value != null) ? base.value : 0) + JsonFields.toDouble(v);
	}

	private static boolean booleanValue(JsonNode record, String valueField, String key, String context) {
		requireValueField(valueField, "vb", key, "a boolean value 'vb'", context);
		return JsonFields.optionalBoolean(record, "vb");
	}

	private static String stringValue(JsonNode record, String valueField, String key, String context) {
		requireValueField(valueField, "vs", key, "a string value 'vs'", context);
		return JsonFields.optionalString(record, "vs");
	}

	private static void requireValueField(String actual, String expected, String key, String what, String context) {
		if (actual == null) {
			throw new DecodeFailure(RejectReason.MISSING_VALUE, context + "'" + key + "' has no value");
		}
		if (!expected.equals(actual)) {
			throw new DecodeFailure(RejectReason.WRONG_TYPE,
					context + "'" + key + "' needs " + what + ", got '" + actual + "'");
		}
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

	/**
	 * The base fields in effect for the current record.
	 */
	private static final class Base {

		private String name = "";

		private double time;

		private String unit;

		private Double value;

		void update(JsonNode record, String context) {
			JsonNode version = JsonFields.optionalNumber(record, "bver");
			if (version != null && (!version.isIntegralNumber() || JsonFields.toDouble(version) < 1
					|| JsonFields.toDouble(version) > VERSION)) {
				throw new DecodeFailure(RejectReason.INVALID_SENML,
						context + "unsupported SenML version " + Rejection.echo(version.toString()));
			}
			JsonFields.optionalNumber(record, "bs");
			String baseName = JsonFields.optionalString(record, "bn");
			if (baseName != null) {
				this.name = baseName;
			}
			JsonNode baseTime = JsonFields.optionalNumber(record, "bt");
			if (baseTime != null) {
				this.time = JsonFields.toDouble(baseTime);
			}
			String baseUnit = JsonFields.optionalString(record, "bu");
			if (baseUnit != null) {
				this.unit = baseUnit;
			}
			JsonNode baseValue = JsonFields.optionalNumber(record, "bv");
			if (baseValue != null) {
				this.value = JsonFields.toDouble(baseValue);
			}
		}

	}

	/**
	 * The values and flags of all records that share one resolved time.
	 */
	private static final class Group {

		private final Map<Parameter, Double> values = new LinkedHashMap<>();

		private final Set<Parameter> seen = EnumSet.noneOf(Parameter.class);

		private Boolean oxygen;

		private Consciousness consciousness;

		/**
		 * Adds a value; a rejected value ({@code null}) still counts for the duplicate
		 * check, so a parameter twice at one time rejects the message either way.
		 */
		void put(Parameter parameter, Double value, String context) {
			if (!this.seen.add(parameter)) {
				throw duplicate(parameter.canonicalName(), context);
			}
			if (value != null) {
				this.values.put(parameter, value);
			}
		}

		void setOxygen(boolean oxygen, String context) {
			if (this.oxygen != null) {
				throw duplicate(O2, context);
			}
			this.oxygen = oxygen;
		}

		void setConsciousness(Consciousness consciousness, String context) {
			if (this.consciousness != null) {
				throw duplicate(CONSCIOUSNESS, context);
			}
			this.consciousness = consciousness;
		}

		boolean hasContent() {
			return !this.values.isEmpty() || this.oxygen != null || this.consciousness != null;
		}

		Reading toReading(String deviceId, Instant time) {
			return new Reading(deviceId, time, null, this.values, this.oxygen, this.consciousness);
		}

		private static DecodeFailure duplicate(String key, String context) {
			return new DecodeFailure(RejectReason.INVALID_SENML,
					context + "'" + key + "' appears twice at the same time");
		}

	}

}
