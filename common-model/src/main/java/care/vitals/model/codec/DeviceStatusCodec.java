package care.vitals.model.codec;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import care.vitals.model.device.DeviceStatus;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and encodes the device status JSON of {@code devices/{id}/status}:
 * {@code {"online":true,"battery":87,"rssi":-61,"firmware":"2.4.1","ts":"…"}}.
 * <p>
 * {@code online} is required (the Last Will carries just {@code {"online":false}});
 * {@code battery} (0-100 %), {@code rssi} (integer dBm, -200 to 20), {@code firmware}
 * (1-64 printable ASCII) and {@code ts} (ISO-8601 or epoch ms) are optional.
 * <p>
 * {@code ts} is checked against the clock with the window of measurement times
 * ({@link DecodeLimits#maxFutureSkew()} ahead, {@link DecodeLimits#maxAge()} behind). Out
 * of it, the status is kept without its {@code ts} (it is then dated by its receive time,
 * like the Last Will) and the {@code ts} is reported as a rejected part
 * ({@code timestamp_out_of_bounds}): the status is retained and may be old, and a device
 * whose clock is wrong must neither lose its online/battery state nor make InfluxDB
 * refuse the line (a time beyond its range or retention) on every resubscribe. Unknown
 * fields are ignored. Never throws on any input; thread-safe.
 */
public final class DeviceStatusCodec {

	private final StrictJson json;

	private final DecodeLimits limits;

	private final Clock clock;

	/**
	 * Creates a codec that checks times against the system clock.
	 * @param limits the limits to enforce
	 */
	public DeviceStatusCodec(DecodeLimits limits) {
		this(limits, Clock.systemUTC());
	}

	/**
	 * Creates a codec.
	 * @param limits the limits to enforce
	 * @param clock the clock timestamps are checked against
	 */
	public DeviceStatusCodec(DecodeLimits limits, Clock clock) {
		this.limits = Objects.requireNonNull(limits, "limits");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.json = new StrictJson(limits);
	}

	/**
	 * Decodes a status message.
	 * @param deviceId the device id from the topic; validated here
	 * @param payload the raw payload; {@code null} is treated as empty
	 * @return the status (without a {@code ts} out of range, reported as rejected part),
	 * or the rejection
	 */
	public Outcome<DeviceStatus> decode(String deviceId, byte[] payload) {
		try {
			DecodeFailure.requireDeviceId(deviceId);
			JsonNode root = JsonFields.requireObject(this.json.parse((payload != null) ? payload : new byte[0]),
					"status payload");
			Boolean online = JsonFields.optionalBoolean(root, "online");
			if (online == null) {
				throw JsonFields.missing("online");
			}
			Double battery = battery(root);
			Integer rssi = rssi(root);
			String firmware = JsonFields.optionalString(root, "firmware");
			if (firmware != null && !DeviceStatus.isValidFirmware(firmware)) {
				throw new DecodeFailure(RejectReason.INVALID_FIELD, "field 'firmware' value " + Rejection.echo(firmware)
						+ " is not 1-64 printable ASCII characters");
			}
			Instant ts = JsonFields.optionalTimestamp(root, "ts");
			List<Rejection> rejected = new ArrayList<>();
			if (ts != null) {
				try {
					new TimeWindow(this.clock.instant(), this.limits).check(ts, "field 'ts'");
				}
				catch (DecodeFailure outside) {
					rejected.add(new Rejection(outside.rejection().reason(),
							outside.rejection().detail() + "; the status is kept at its receive time"));
					ts = null;
				}
			}
			return new Outcome.Ok<>(new DeviceStatus(deviceId, online, battery, rssi, firmware, ts), rejected);
		}
		catch (DecodeFailure failure) {
			return new Outcome.Failed<>(failure.rejection());
		}
	}

	/**
	 * Encodes a status; absent fields are omitted.
	 * @param status the status
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] encode(DeviceStatus status) {
		Objects.requireNonNull(status, "status");
		ObjectNode root = StrictJson.WRITER.createObjectNode();
		root.put("online", status.online().booleanValue());
		if (status.battery() != null) {
			root.put("battery", status.battery().doubleValue());
		}
		if (status.rssi() != null) {
			root.put("rssi", status.rssi().intValue());
		}
		if (status.firmware() != null) {
			root.put("firmware", status.firmware());
		}
		if (status.ts() != null) {
			root.put("ts", status.ts().toString());
		}
		return StrictJson.WRITER.writeValueAsBytes(root);
	}

	private static Double battery(JsonNode root) {
		JsonNode node = JsonFields.optionalNumber(root, "battery");
		return (node != null) ? Plausibility.toStored(Parameter.BATTERY, JsonFields.toDouble(node), null, "") : null;
	}

	private static Integer rssi(JsonNode root) {
		JsonNode node = JsonFields.optionalNumber(root, "rssi");
		if (node == null) {
			return null;
		}
		if (!node.isIntegralNumber()) {
			throw new DecodeFailure(RejectReason.INVALID_FIELD,
					"field 'rssi' must be whole dBm, got " + Rejection.echo(node.toString()));
		}
		if (!node.canConvertToInt() || node.intValue() < DeviceStatus.MIN_RSSI
				|| node.intValue() > DeviceStatus.MAX_RSSI) {
			throw new DecodeFailure(RejectReason.IMPLAUSIBLE_VALUE,
					"field 'rssi' value " + Rejection.echo(node.toString()) + " outside plausible range "
							+ DeviceStatus.MIN_RSSI + " to " + DeviceStatus.MAX_RSSI + " dBm");
		}
		return node.intValue();
	}

}
