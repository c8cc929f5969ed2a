package care.vitals.model.device;

import java.time.Instant;
import java.util.Objects;

import care.vitals.model.id.Identifiers;

/**
 * The retained status of a device ({@code devices/{id}/status}), also its MQTT Last Will
 * with {@code online=false}.
 *
 * @param deviceId the device, a valid identifier; never {@code null}
 * @param online whether the device is connected; never {@code null}
 * @param battery battery charge in percent, 0-100, or {@code null} if not reported
 * @param rssi received signal strength in dBm, {@value #MIN_RSSI} to {@value #MAX_RSSI},
 * or {@code null} if not reported
 * @param firmware firmware version, 1-{@value #MAX_FIRMWARE_LENGTH} printable ASCII
 * characters, or {@code null} if not reported
 * @param ts when the device produced the status, or {@code null} if not reported (the
 * Last Will usually has none)
 */
public record DeviceStatus(String deviceId, Boolean online, Double battery, Integer rssi, String firmware, Instant ts) {

	/** Lowest accepted RSSI, dBm. */
	public static final int MIN_RSSI = -200;

	/** Highest accepted RSSI, dBm. */
	public static final int MAX_RSSI = 20;

	/** Longest accepted firmware version string. */
	public static final int MAX_FIRMWARE_LENGTH = 64;

	/**
	 * Validates the status.
	 * @throws IllegalArgumentException if a component is invalid
	 */
	public DeviceStatus {
		Identifiers.requireValid(deviceId, "device id");
		Objects.requireNonNull(online, "online");
		if (battery != null && !(battery >= 0 && battery <= 100)) {
			throw new IllegalArgumentException("battery must be 0-100 %");
		}
		if (rssi != null && (rssi < MIN_RSSI || rssi > MAX_RSSI)) {
			throw new IllegalArgumentException("rssi must be " + MIN_RSSI + " to " + MAX_RSSI + " dBm");
		}
		if (firmware != null && !isValidFirmware(firmware)) {
			throw new IllegalArgumentException(
					"firmware must be 1-" + MAX_FIRMWARE_LENGTH + " printable ASCII characters");
		}
	}

	/**
	 * Creates the status a device's Last Will carries: offline, nothing else known.
	 * @param deviceId the device
	 * @return the offline status
	 */
	public static DeviceStatus offline(String deviceId) {
		return new DeviceStatus(deviceId, false, null, null, null, null);
	}

	/**
	 * Tells whether a firmware string is acceptable.
	 * @param firmware the candidate, may be {@code null}
	 * @return {@code true} if it is 1-64 printable ASCII characters (space included)
	 */
	public static boolean isValidFirmware(String firmware) {
		if (firmware == null || firmware.isEmpty() || firmware.length() > MAX_FIRMWARE_LENGTH) {
			return false;
		}
		return firmware.chars().allMatch((c) -> c >= 0x20 && c <= 0x7E);
	}

}
