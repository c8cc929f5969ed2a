package care.vitals.model.alarm;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import care.vitals.model.parameter.Parameter;

/**
 * The alarm kinds the engine raises, as stored in the {@code kind} tag and published in
 * the alarm list.
 * <p>
 * Clinical: {@code <parameter>_low} and {@code <parameter>_high}, e.g. {@code spo2_low},
 * {@code heart_rate_high}. NEWS2: {@value #NEWS2_HIGH}, {@value #NEWS2_MEDIUM},
 * {@value #NEWS2_SINGLE}. Technical: the sensor-fault event kinds ({@value #PROBE_OFF},
 * {@value #LEAD_OFF}, {@value #SENSOR_DISCONNECTED}), {@value #BATTERY_LOW},
 * {@value #DEVICE_OFFLINE}, {@value #NO_DATA}, {@value #SEQUENCE_GAP},
 * {@value #CLOCK_SKEW}, {@value #IMPLAUSIBLE_VALUE}, {@value #SOURCES_DISAGREE}.
 */
public final class AlarmKinds {

	/** NEWS2 total of 7 or more: emergency response threshold. */
	public static final String NEWS2_HIGH = "news2_high";

	/** NEWS2 total of 5-6: urgent response threshold. */
	public static final String NEWS2_MEDIUM = "news2_medium";

	/** A single NEWS2 parameter scores 3 (total below 5). */
	public static final String NEWS2_SINGLE = "news2_single";

	/** A probe (SpO2 clip, temperature patch) is off; also the device event kind. */
	public static final String PROBE_OFF = "probe_off";

	/** An ECG lead is off; also the device event kind. */
	public static final String LEAD_OFF = "lead_off";

	/** A sensor is disconnected from the device; also the device event kind. */
	public static final String SENSOR_DISCONNECTED = "sensor_disconnected";

	/** The device battery is low. */
	public static final String BATTERY_LOW = "battery_low";

	/** The device is offline (status {@code online=false}, e.g. its Last Will). */
	public static final String DEVICE_OFFLINE = "device_offline";

	/** An assigned device has sent no reading for the no-data timeout. */
	public static final String NO_DATA = "no_data";

	/** Readings were missed: the device's sequence number jumped. */
	public static final String SEQUENCE_GAP = "sequence_gap";

	/** A device's clock is off by more than the tolerance; its times are corrected. */
	public static final String CLOCK_SKEW = "clock_skew";

	/**
	 * Two devices measuring one parameter of one patient disagree beyond a clinical
	 * margin.
	 */
	public static final String SOURCES_DISAGREE = "sources_disagree";

	/**
	 * A device sent a physiologically impossible value (rejected, kept as dead letter).
	 */
	public static final String IMPLAUSIBLE_VALUE = "implausible_value";

	/**
	 * An ingest instance could not restore the patient state (assignments, settings,
	 * staff observations, active alarms) at start: alarms that were active may be missing
	 * from the beds until it is (technical, high; on {@code alarms/ingest/<clientId>}).
	 */
	public static final String STATE_UNRESTORED = "state_unrestored";

	/**
	 * A limit of a patient is switched off, delayed longer or widened against the default
	 * (CLINICAL.md, principle 7: "alarm off / limit changed", with who and when); shown
	 * on the bed's list while the change is in force.
	 */
	public static final String LIMIT_CHANGED = "limit_changed";

	/** One string per kind, made once: map keys on the per-reading path hash it once. */
	private static final Map<Parameter, String> LOW = kinds("_low");

	private static final Map<Parameter, String> HIGH = kinds("_high");

	private AlarmKinds() {
	}

	private static Map<Parameter, String> kinds(String suffix) {
		Map<Parameter, String> kinds = new EnumMap<>(Parameter.class);
		for (Parameter parameter : Parameter.values()) {
			kinds.put(parameter, parameter.canonicalName() + suffix);
		}
		return kinds;
	}

	/**
	 * Returns the kind of a parameter's low-limit alarm.
	 * @param parameter the parameter
	 * @return e.g. {@code spo2_low}
	 */
	public static String low(Parameter parameter) {
		return LOW.get(Objects.requireNonNull(parameter, "parameter"));
	}

	/**
	 * Returns the kind of a parameter's high-limit alarm.
	 * @param parameter the parameter
	 * @return e.g. {@code heart_rate_high}
	 */
	public static String high(Parameter parameter) {
		return HIGH.get(Objects.requireNonNull(parameter, "parameter"));
	}

}
