package care.vitals.model.codec;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import care.vitals.model.device.DeviceEvent;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and encodes the device event JSON of {@code devices/{id}/events}:
 * {@code {"kind":"probe_off","ts":"…","details":{"sensor":"spo2"}}}.
 * <p>
 * {@code kind} is required and one of {@link DeviceEvent#KINDS} (else
 * {@code unknown_event_kind}); {@code ts} is required (else {@code missing_device_time},
 * like a measurement) and checked against the clock like measurement times;
 * {@code details} is an optional object of at most 16 string values (keys
 * {@code [A-Za-z0-9._-]{1,32}}, values up to 256 characters). A {@code sensor} detail
 * outside {@link DeviceEvent#SENSORS} is removed alone and reported as a rejected part
 * ({@code invalid_field}): the event is kept and then concerns the whole device, so a
 * probe-off still raises its alarm. Unknown fields are ignored. Never throws on any
 * input; thread-safe.
 */
public final class DeviceEventCodec {

	private final DecodeLimits limits;

	private final Clock clock;

	private final StrictJson json;

	/**
	 * Creates a codec.
	 * @param limits the limits to enforce
	 * @param clock the clock timestamps are checked against
	 */
	public DeviceEventCodec(DecodeLimits limits, Clock clock) {
		this.limits = Objects.requireNonNull(limits, "limits");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.json = new StrictJson(limits);
	}

	/**
	 * Decodes an event message.
	 * @param deviceId the device id from the topic; validated here
	 * @param payload the raw payload; {@code null} is treated as empty
	 * @param receivedAt when the message arrived; not used for the event's time (an event
	 * needs its own {@code ts})
	 * @return the event (with a rejected {@code sensor} detail, if any), or the rejection
	 */
	public Outcome<DeviceEvent> decode(String deviceId, byte[] payload, Instant receivedAt) {
		Instant now = this.clock.instant();
		try {
			DecodeFailure.requireDeviceId(deviceId);
			JsonNode root = JsonFields.requireObject(this.json.parse((payload != null) ? payload : new byte[0]),
					"event payload");
			String kind = JsonFields.requireString(root, "kind");
			if (!DeviceEvent.isValidKind(kind)) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD,
						"field 'kind' value " + Rejection.echo(kind) + " does not match [a-z0-9_]{1,32}");
			}
			if (!DeviceEvent.isKnownKind(kind)) {
				throw new DecodeFailure(RejectReason.UNKNOWN_EVENT_KIND, "field 'kind' value " + Rejection.echo(kind)
						+ " is not one of " + String.join(", ", new TreeSet<>(DeviceEvent.KINDS)));
			}
			Instant ts = JsonFields.optionalTimestamp(root, "ts");
			if (ts != null) {
				ts = new TimeWindow(now, this.limits).check(ts, "field 'ts'");
			}
			Map<String, String> details = details(root);
			if (ts == null) {
				throw CompactJsonDecoder.missingTs("an event");
			}
			List<Rejection> rejected = new ArrayList<>();
			String sensor = details.get(DeviceEvent.SENSOR);
			if (sensor != null && !DeviceEvent.isKnownSensor(sensor)) {
				details.remove(DeviceEvent.SENSOR);
				rejected.add(new Rejection(RejectReason.INVALID_FIELD, "detail 'sensor' value " + Rejection.echo(sensor)
						+ " is not a catalogue parameter, 'ecg' or 'skin_contact'; the event is kept for the whole device"));
			}
			return new Outcome.Ok<>(new DeviceEvent(deviceId, kind, ts, details), rejected);
		}
		catch (DecodeFailure failure) {
			return new Outcome.Failed<>(failure.rejection());
		}
	}

	/**
	 * Encodes an event; empty details are omitted.
	 * @param event the event
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] encode(DeviceEvent event) {
		Objects.requireNonNull(event, "event");
		ObjectNode root = StrictJson.WRITER.createObjectNode();
		root.put("kind", event.kind());
		root.put("ts", event.ts().toString());
		if (!event.details().isEmpty()) {
			ObjectNode details = root.putObject("details");
			event.details().forEach(details::put);
		}
		return StrictJson.WRITER.writeValueAsBytes(root);
	}

	private static Map<String, String> details(JsonNode root) {
		JsonNode node = JsonFields.optionalObject(root, "details");
		Map<String, String> details = new LinkedHashMap<>();
		if (node == null) {
			return details;
		}
		if (node.size() > DeviceEvent.MAX_DETAILS) {
			throw new DecodeFailure(RejectReason.TOO_MANY_RECORDS,
					"field 'details' has " + node.size() + " entries, the limit is " + DeviceEvent.MAX_DETAILS);
		}
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String key = entry.getKey();
			if (!DeviceEvent.isValidDetailKey(key)) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD,
						"detail key " + Rejection.echo(key) + " does not match [A-Za-z0-9._-]{1,32}");
			}
			JsonNode value = entry.getValue();
			if (!value.isString()) {
				throw JsonFields.wrongType("details." + key, "a string", value);
			}
			if (value.stringValue().length() > DeviceEvent.MAX_DETAIL_LENGTH) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD,
						"detail '" + key + "' is longer than " + DeviceEvent.MAX_DETAIL_LENGTH + " characters");
			}
			details.put(key, value.stringValue());
		}
		return details;
	}

}
