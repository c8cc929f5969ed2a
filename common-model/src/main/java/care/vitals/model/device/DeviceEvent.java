package care.vitals.model.device;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import care.vitals.model.id.Identifiers;
import care.vitals.model.parameter.Parameter;

/**
 * A technical event a device reports on {@code devices/{id}/events}: probe off, lead off,
 * a button press, an error.
 *
 * @param deviceId the device, a valid identifier; never {@code null}
 * @param kind what happened, {@code [a-z0-9_]{1,32}}, e.g. {@code probe_off},
 * {@code lead_off}, {@code button}, {@code error}; never {@code null}
 * @param ts when it happened; never {@code null}
 * @param details free-form details, at most {@value #MAX_DETAILS} entries, keys
 * {@code [A-Za-z0-9._-]{1,32}}, values at most {@value #MAX_DETAIL_LENGTH} characters;
 * unmodifiable and in insertion order; {@code null} is taken as empty
 */
public record DeviceEvent(String deviceId, String kind, Instant ts, Map<String, String> details) {

	/** Most detail entries an event may carry. */
	public static final int MAX_DETAILS = 16;

	/** Longest detail value, in characters. */
	public static final int MAX_DETAIL_LENGTH = 256;

	/**
	 * The event kinds a device may send (docs/contracts.md): the sensor faults and their
	 * ends, artefact, low battery, button and error. A kind becomes an InfluxDB tag value
	 * and, for the faults, part of an in-memory key, so devices cannot invent new ones;
	 * extend this set (and the contract) to accept another.
	 */
	public static final Set<String> KINDS = Set.of("probe_off", "probe_on", "lead_off", "lead_on",
			"sensor_disconnected", "sensor_connected", "artefact", "battery_low", "button", "error");

	/**
	 * The values the {@code sensor} detail may take: a catalogue parameter name (the
	 * parameter the fault concerns), {@code ecg} or {@code skin_contact}. The sensor is
	 * part of the in-memory key of an open fault and its alarm, so it is an allowlist
	 * too.
	 */
	public static final Set<String> SENSORS = sensors();

	/** The detail that names the faulty sensor. */
	public static final String SENSOR = "sensor";

	private static final Pattern KIND = Pattern.compile("[a-z0-9_]{1,32}");

	private static final Pattern DETAIL_KEY = Pattern.compile("[A-Za-z0-9._-]{1,32}");

	/**
	 * Validates the event and copies the details.
	 * @throws IllegalArgumentException if a component is invalid
	 */
	public DeviceEvent {
		Identifiers.requireValid(deviceId, "device id");
		if (!isValidKind(kind)) {
			throw new IllegalArgumentException("kind must match [a-z0-9_]{1,32}");
		}
		Objects.requireNonNull(ts, "ts");
		Map<String, String> copy = new LinkedHashMap<>();
		if (details != null) {
			details.forEach((key, value) -> {
				if (!isValidDetailKey(key)) {
					throw new IllegalArgumentException("detail keys must match [A-Za-z0-9._-]{1,32}");
				}
				if (value == null || value.length() > MAX_DETAIL_LENGTH) {
					throw new IllegalArgumentException(
							"detail values must be non-null and at most " + MAX_DETAIL_LENGTH + " characters");
				}
				copy.put(key, value);
			});
		}
		if (copy.size() > MAX_DETAILS) {
			throw new IllegalArgumentException("at most " + MAX_DETAILS + " details");
		}
		details = Collections.unmodifiableMap(copy);
	}

	/**
	 * Tells whether a string is a valid event kind.
	 * @param kind the candidate, may be {@code null}
	 * @return {@code true} if it matches {@code [a-z0-9_]{1,32}}
	 */
	public static boolean isValidKind(String kind) {
		return kind != null && KIND.matcher(kind).matches();
	}

	/**
	 * Tells whether a kind is one a device may send ({@link #KINDS}).
	 * @param kind the candidate, may be {@code null}
	 * @return {@code true} if it is in the allowlist
	 */
	public static boolean isKnownKind(String kind) {
		return kind != null && KINDS.contains(kind);
	}

	/**
	 * Tells whether a {@code sensor} detail is one a device may send ({@link #SENSORS}).
	 * @param sensor the candidate, may be {@code null}
	 * @return {@code true} if it is in the allowlist
	 */
	public static boolean isKnownSensor(String sensor) {
		return sensor != null && SENSORS.contains(sensor);
	}

	private static Set<String> sensors() {
		Set<String> sensors = new TreeSet<>(Set.of("ecg", "skin_contact"));
		for (Parameter parameter : Parameter.values()) {
			sensors.add(parameter.canonicalName());
		}
		return Collections.unmodifiableSet(sensors);
	}

	/**
	 * Tells whether a string is a valid detail key.
	 * @param key the candidate, may be {@code null}
	 * @return {@code true} if it matches {@code [A-Za-z0-9._-]{1,32}}
	 */
	public static boolean isValidDetailKey(String key) {
		return key != null && DETAIL_KEY.matcher(key).matches();
	}

}
