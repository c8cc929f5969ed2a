package care.vitals.model.codec;

import java.time.Instant;
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
 * (1-64 printable ASCII) and {@code ts} (ISO-8601 or epoch ms) are optional. The status
 * is retained, so {@code ts} is not checked against the clock: a status may be months
 * old. Unknown fields are ignored. Never throws on any input; thread-safe.
 */
public final class DeviceStatusCodec {

	private final StrictJson json;

	/**
	 * Creates a codec.
	 * @param limits the limits to enforce
	 */
	public DeviceStatusCodec(DecodeLimits limits) {
		this.json = new StrictJson(Objects.requireNonNull(limits, "limits"));
	}

	/**
	 * Decodes a status message.
	 * @param deviceId the device id from the topic; validated here
	 * @param payload the raw payload; {@code null} is treated as empty
	 * @return the status, or the rejection
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
			return new Outcome.Ok<>(new DeviceStatus(deviceId, online, battery, rssi, firmware, ts));
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
