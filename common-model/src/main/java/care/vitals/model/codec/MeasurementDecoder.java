package care.vitals.model.codec;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import care.vitals.model.rejection.RejectReason;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a measurement message from {@code devices/{deviceId}/measurements} into
 * readings, or rejects it as a whole with a reason. Plausibility is per value: an
 * impossible value (outside its parameter's possible range after unit conversion, not
 * finite, a code that is not a whole number) or a value with an unsupported unit is
 * removed alone and reported as a {@link RejectedValue} while the rest of the message is
 * decoded; anything structural rejects the whole message (see {@link DecodeResult} for
 * the precise rule and why). Never throws on any input; thread-safe.
 * <p>
 * Order of checks: device id, payload size (before parsing), format, JSON syntax, then
 * content. The format is chosen as follows:
 * <ul>
 * <li>content type {@code application/senml+json}: SenML;</li>
 * <li>content type {@code application/json}: compact JSON, unless the payload starts with
 * {@code [} (a compact payload is never an array, and CONTRACTS.md routes every payload
 * starting with {@code [} to SenML);</li>
 * <li>no or another content type: sniffed from the first non-whitespace byte, {@code [}
 * SenML, <code>{</code> compact JSON, anything else {@code malformed_json}.</li>
 * </ul>
 * Timestamps are checked against the injected clock: at most
 * {@link DecodeLimits#maxFutureSkew()} ahead and {@link DecodeLimits#maxAge()} behind.
 * Every reading needs the device's own time: a compact payload without {@code ts} and a
 * SenML time below 2^28 s (relative to now) are rejected as {@code missing_device_time},
 * after the structural checks. Why: with the receive time, a redelivery (at-least-once)
 * would be stored a second time and a backlog queued at the broker would be dated when it
 * arrived; a stale value would look current to NEWS2. The receive time only dates the
 * rejected values of such a message.
 * <p>
 * SenML decisions (RFC 8428 leaves them open or they are ours): the parameter is the last
 * name segment after {@code :} or {@code /} and the rest of the name is ignored (identity
 * comes from the topic); {@code %} is percent and {@code /} a ratio; a sum-only record is
 * rejected as {@code invalid_senml} (a sum next to a value is ignored); {@code ut} is
 * type-checked and ignored; {@code bver} above 10 is rejected; the same parameter twice
 * at one resolved time is rejected; times are resolved to microseconds. Compact JSON
 * decisions: duplicate keys anywhere are {@code malformed_json}; {@code ts} is ISO-8601
 * (offsets allowed) or integer epoch milliseconds; {@code units} entries for parameters
 * absent from {@code values} are ignored; JSON {@code null} counts as absent for optional
 * fields and as {@code missing_value} inside {@code values}.
 */
public final class MeasurementDecoder {

	private final DecodeLimits limits;

	private final Clock clock;

	private final StrictJson json;

	private final CompactJsonDecoder compact;

	private final SenmlDecoder senml;

	/**
	 * Creates a decoder.
	 * @param limits the limits to enforce
	 * @param clock the clock timestamps are checked against
	 */
	public MeasurementDecoder(DecodeLimits limits, Clock clock) {
		this.limits = Objects.requireNonNull(limits, "limits");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.json = new StrictJson(limits);
		this.compact = new CompactJsonDecoder(this.json);
		this.senml = new SenmlDecoder(limits);
	}

	/**
	 * Decodes one message.
	 * @param deviceId the device id taken from the topic; validated here
	 * @param payload the raw payload; {@code null} is treated as empty
	 * @param contentType the MQTT 5 content type, or {@code null}
	 * @param receivedAt when the message arrived, or {@code null} for the clock's now
	 * @return the readings with any rejected values ({@link Decoded}), or the rejection
	 * of the whole message ({@link Rejected})
	 */
	public DecodeResult decode(String deviceId, byte[] payload, String contentType, Instant receivedAt) {
		Instant now = this.clock.instant();
		Instant received = (receivedAt != null) ? receivedAt : now;
		byte[] bytes = (payload != null) ? payload : new byte[0];
		try {
			DecodeFailure.requireDeviceId(deviceId);
			this.json.requireWithinSize(bytes);
			if (isSenml(bytes, contentType)) {
				JsonNode root = this.json.parse(bytes);
				return this.senml.decode(deviceId, root, received, new TimeWindow(now, this.limits));
			}
			return this.compact.decode(deviceId, bytes, received, new TimeWindow(now, this.limits));
		}
		catch (DecodeFailure failure) {
			return new Rejected(failure.rejection());
		}
	}

	static boolean isSenml(byte[] payload, String contentType) {
		Optional<ContentType> declared = ContentType.parse(contentType);
		int first = firstNonWhitespace(payload);
		if (declared.isPresent()) {
			return declared.get() == ContentType.SENML_JSON || first == '[';
		}
		if (first == '[') {
			return true;
		}
		if (first == '{') {
			return false;
		}
		String what = (first < 0) ? "empty payload"
				: String.format("payload starts with byte 0x%02x, expected '{' (compact JSON) or '[' (SenML)", first);
		throw new DecodeFailure(RejectReason.MALFORMED_JSON, what);
	}

	private static int firstNonWhitespace(byte[] payload) {
		for (byte b : payload) {
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return b & 0xFF;
			}
		}
		return -1;
	}

}
