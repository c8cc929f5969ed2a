package care.vitals.model.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmState;
import care.vitals.model.alarm.Escalation;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.id.Identifiers;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes and decodes the retained alarm list of {@code alarms/{ward}/{bed}}:
 *
 * <pre>
 * {"ward":"ward-3","bed":"12","updated":"2026-11-27T18:00:20Z",
 *  "alarms":[{"id":"spo2_low.mhx3k2a8.1x2y3z","patient":"p-1042","device":"mon-7",
 *             "priority":"high","kind":"spo2_low","state":"raised",
 *             "message":"SpO2 84% below 85%","value":84,"since":"2026-11-27T18:00:15Z"}]}
 * </pre>
 *
 * Priority and state are lower case; {@code since} is when the episode began
 * ({@link Alarm#since()}, kept through acknowledgement, re-alert and escalation);
 * {@code changed} when the alarm entered its current state ({@link Alarm#ts()}, omitted
 * when that is {@code since}); {@code escalation} the level an unacknowledged alarm has
 * been escalated to ({@link Escalation}, omitted when 0); {@code device} and
 * {@code value} are omitted when absent. Times are ISO-8601 (epoch milliseconds also
 * decode). Decoding is strict: every alarm must be valid, active and in the list's ward
 * and bed, and at most {@link DecodeLimits#maxRecords()} alarms are accepted. Unknown
 * fields are ignored. Never throws on any input; thread-safe.
 */
public final class AlarmListCodec {

	private final StrictJson json;

	private final int maxAlarms;

	/**
	 * Creates a codec.
	 * @param limits the limits to enforce
	 */
	public AlarmListCodec(DecodeLimits limits) {
		this.json = new StrictJson(Objects.requireNonNull(limits, "limits"));
		this.maxAlarms = limits.maxRecords();
	}

	/**
	 * Encodes an alarm list.
	 * @param list the list; never {@code null}
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] encode(AlarmList list) {
		Objects.requireNonNull(list, "list");
		ObjectNode root = StrictJson.WRITER.createObjectNode();
		root.put("ward", list.ward());
		root.put("bed", list.bed());
		root.put("updated", list.updated().toString());
		ArrayNode alarms = root.putArray("alarms");
		for (Alarm alarm : list.alarms()) {
			ObjectNode node = alarms.addObject();
			node.put("id", alarm.alarmId());
			node.put("patient", alarm.patient());
			if (alarm.device() != null) {
				node.put("device", alarm.device());
			}
			node.put("priority", alarm.priority().name().toLowerCase(Locale.ROOT));
			node.put("kind", alarm.kind());
			node.put("state", alarm.state().name().toLowerCase(Locale.ROOT));
			node.put("message", alarm.message());
			if (alarm.value() != null) {
				node.put("value", alarm.value().doubleValue());
			}
			node.put("since", alarm.since().toString());
			if (!alarm.ts().equals(alarm.since())) {
				node.put("changed", alarm.ts().toString());
			}
			if (alarm.escalation() > 0) {
				node.put("escalation", alarm.escalation());
			}
		}
		return StrictJson.WRITER.writeValueAsBytes(root);
	}

	/**
	 * Decodes an alarm list.
	 * @param payload the raw payload; {@code null} is treated as empty
	 * @return the list, or the rejection
	 */
	public Outcome<AlarmList> decode(byte[] payload) {
		try {
			JsonNode root = JsonFields.requireObject(this.json.parse((payload != null) ? payload : new byte[0]),
					"alarm list");
			String ward = identifier(root, "ward");
			String bed = identifier(root, "bed");
			Instant updated = requireTimestamp(root, "updated");
			JsonNode alarms = root.get("alarms");
			if (JsonFields.isAbsent(alarms)) {
				throw JsonFields.missing("alarms");
			}
			if (!alarms.isArray()) {
				throw JsonFields.wrongType("alarms", "an array", alarms);
			}
			if (alarms.size() > this.maxAlarms) {
				throw new DecodeFailure(RejectReason.TOO_MANY_RECORDS,
						"the list has " + alarms.size() + " alarms, the limit is " + this.maxAlarms);
			}
			List<Alarm> decoded = new ArrayList<>(alarms.size());
			for (int i = 0; i < alarms.size(); i++) {
				decoded.add(alarm(JsonFields.requireObject(alarms.get(i), "alarm " + (i + 1)), ward, bed));
			}
			return new Outcome.Ok<>(list(ward, bed, updated, decoded));
		}
		catch (DecodeFailure failure) {
			return new Outcome.Failed<>(failure.rejection());
		}
	}

	private static Alarm alarm(JsonNode node, String ward, String bed) {
		String id = identifier(node, "id");
		String patient = identifier(node, "patient");
		String device = JsonFields.optionalString(node, "device");
		if (device != null && !Identifiers.isValid(device)) {
			throw invalid("device", device, "is not 1-64 characters of [A-Za-z0-9._-]");
		}
		AlarmPriority priority = constant(AlarmPriority.class, node, "priority");
		String kind = JsonFields.requireString(node, "kind");
		if (!DeviceEvent.isValidKind(kind)) {
			throw invalid("kind", kind, "does not match [a-z0-9_]{1,32}");
		}
		AlarmState state = constant(AlarmState.class, node, "state");
		String message = JsonFields.requireString(node, "message");
		JsonNode value = JsonFields.optionalNumber(node, "value");
		Double number = (value != null) ? JsonFields.toDouble(value) : null;
		if (number != null && !Double.isFinite(number)) {
			throw invalid("value", value.toString(), "is not a finite number");
		}
		Instant since = requireTimestamp(node, "since");
		Instant changed = JsonFields.optionalTimestamp(node, "changed");
		JsonNode escalation = JsonFields.optionalNumber(node, "escalation");
		int level = (escalation != null) ? escalation.asInt() : 0;
		if (escalation != null && (!escalation.canConvertToInt() || level < 0 || level > Escalation.MAX_LEVEL
				|| escalation.asDouble() != level)) {
			throw invalid("escalation", escalation.toString(), "is not a whole number 0-" + Escalation.MAX_LEVEL);
		}
		if (changed != null && changed.isBefore(since)) {
			throw invalid("changed", changed.toString(), "is before since");
		}
		return new Alarm(id, patient, ward, bed, device, priority, kind, state, message, number,
				(changed != null) ? changed : since, since, level);
	}

	private static AlarmList list(String ward, String bed, Instant updated, List<Alarm> alarms) {
		try {
			return new AlarmList(ward, bed, updated, alarms);
		}
		catch (IllegalArgumentException ex) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD, ex.getMessage());
		}
	}

	private static <E extends Enum<E>> E constant(Class<E> type, JsonNode node, String field) {
		String text = JsonFields.requireString(node, field);
		for (E constant : type.getEnumConstants()) {
			if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
				return constant;
			}
		}
		throw invalid(field, text,
				"is not one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
	}

	private static Instant requireTimestamp(JsonNode node, String field) {
		Instant instant = JsonFields.optionalTimestamp(node, field);
		if (instant == null) {
			throw JsonFields.missing(field);
		}
		return instant;
	}

	private static String identifier(JsonNode node, String field) {
		String value = JsonFields.requireString(node, field);
		if (!Identifiers.isValid(value)) {
			throw invalid(field, value, "is not 1-64 characters of [A-Za-z0-9._-]");
		}
		return value;
	}

	private static DecodeFailure invalid(String field, String value, String problem) {
		return new DecodeFailure(RejectReason.INVALID_FIELD,
				"field '" + field + "' value " + Rejection.echo(value) + " " + problem);
	}

}
