package care.vitals.model.rejection;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an incoming message was rejected. The {@link #code()} is stable: it appears in the
 * dead-letter topic {@code ingest/rejected/{code}}, in the InfluxDB {@code reason} tag
 * and in metrics, so constants may be added but never renamed.
 */
public enum RejectReason {

	/**
	 * Not JSON: syntax error, empty payload, NaN/Infinity tokens, duplicate keys,
	 * trailing garbage, nesting too deep.
	 */
	MALFORMED_JSON("malformed_json"),

	/** A field has the wrong JSON type, e.g. a string where a number is needed. */
	WRONG_TYPE("wrong_type"),

	/**
	 * A field has the right JSON type but a value its syntax forbids, e.g. an unparseable
	 * timestamp, a consciousness level other than A/C/V/P/U, a negative sequence number,
	 * an event kind with upper-case letters.
	 */
	INVALID_FIELD("invalid_field"),

	/** A parameter name that is not in the catalogue. */
	UNKNOWN_PARAMETER("unknown_parameter"),

	/** A unit that is not accepted for the parameter. */
	UNSUPPORTED_UNIT("unsupported_unit"),

	/**
	 * A value outside the parameter's plausible range after unit conversion, or not a
	 * finite number (a JSON number too large for a double).
	 */
	IMPLAUSIBLE_VALUE("implausible_value"),

	/**
	 * A timestamp later than now plus the allowed clock skew, or older than the maximum
	 * age.
	 */
	TIMESTAMP_OUT_OF_BOUNDS("timestamp_out_of_bounds"),

	/** The payload is larger than the configured limit; checked before parsing. */
	PAYLOAD_TOO_LARGE("payload_too_large"),

	/** More SenML records (or event details) than the configured limit. */
	TOO_MANY_RECORDS("too_many_records"),

	/** A required field or value is absent or {@code null}. */
	MISSING_VALUE("missing_value"),

	/**
	 * The device id (from the topic) is not 1-64 characters of {@code [A-Za-z0-9._-]}.
	 */
	INVALID_DEVICE_ID("invalid_device_id"),

	/**
	 * Violates RFC 8428: a field name ending in {@code _}, more than one value field in a
	 * record, a missing or malformed name, a sum-only record, an unsupported version.
	 */
	INVALID_SENML("invalid_senml"),

	/**
	 * A topic that is not part of the topic scheme, or has an invalid ward, bed or reason
	 * segment.
	 */
	INVALID_TOPIC("invalid_topic"),

	/**
	 * A measurement or event without the device's own time: compact JSON without
	 * {@code ts}, an event without {@code ts}, or a SenML time below 2^28 s (relative to
	 * "now", RFC 8428 §4.5.3). The receive time is not a stable identity: a redelivery
	 * would be stored a second time, and a queued backlog would be dated when it arrived
	 * (docs/ingest.md, "Device time").
	 */
	MISSING_DEVICE_TIME("missing_device_time"),

	/**
	 * A measurement or event delivered from the broker's retained store: a copy of an
	 * earlier message, not a new one. Measurements and events must be published with
	 * retain off.
	 */
	RETAINED_MESSAGE("retained_message"),

	/**
	 * An event {@code kind} that is not in the allowlist
	 * ({@link care.vitals.model.device.DeviceEvent#KINDS}): kinds become InfluxDB tag
	 * values and in-memory keys, so a device cannot invent new ones.
	 */
	UNKNOWN_EVENT_KIND("unknown_event_kind");

	private final String code;

	RejectReason(String code) {
		this.code = code;
	}

	/**
	 * Looks a reason up by its code.
	 * @param code the lower_snake_case code; may be {@code null}
	 * @return the reason, or empty if unknown
	 */
	public static Optional<RejectReason> byCode(String code) {
		return Arrays.stream(values()).filter((reason) -> reason.code.equals(code)).findFirst();
	}

	/**
	 * Returns the stable lower_snake_case code.
	 * @return the code, e.g. {@code implausible_value}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Returns the code.
	 * @return the code
	 */
	@Override
	public String toString() {
		return this.code;
	}

}
