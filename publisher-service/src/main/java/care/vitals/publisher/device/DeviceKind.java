package care.vitals.publisher.device;

import java.util.List;

import care.vitals.model.parameter.Parameter;

/**
 * Kinds of simulated device, with what they measure, their battery and their firmware.
 */
public enum DeviceKind {

	/**
	 * Bedside monitor: ECG heart rate, SpO2, respiratory rate, core temperature
	 * continuously, non-invasive blood pressure every NIBP interval; also carries the
	 * oxygen flag and the level of consciousness entered at the monitor. Mains powered.
	 */
	BEDSIDE_MONITOR("monitor", "4.2.1", 0,
			List.of(Parameter.HEART_RATE, Parameter.SPO2, Parameter.RESP_RATE, Parameter.TEMPERATURE,
					Parameter.SYSTOLIC_BP, Parameter.DIASTOLIC_BP, Parameter.MEAN_BP)),

	/** Pulse oximeter: SpO2 and pulse rate; battery 1.5 % per hour. */
	PULSE_OXIMETER("oximeter", "1.8.0", 1.5, List.of(Parameter.SPO2, Parameter.HEART_RATE)),

	/** Continuous thermometer patch: temperature; battery 0.5 % per hour. */
	THERMOMETER("thermometer", "2.0.3", 0.5, List.of(Parameter.TEMPERATURE)),

	/** Wearable: heart rate, respiratory rate and SpO2; battery 4 % per hour. */
	WEARABLE("wearable", "3.1.7", 4, List.of(Parameter.HEART_RATE, Parameter.RESP_RATE, Parameter.SPO2)),

	/**
	 * Care robot of the original system: battery, current task, error code and position
	 * (x, y, area); works three hours, then charges for one.
	 */
	CARE_ROBOT("robot", "5.0.2", 0, List.of(Parameter.BATTERY, Parameter.ROBOT_TASK, Parameter.ROBOT_ERROR,
			Parameter.POSITION_X, Parameter.POSITION_Y, Parameter.POSITION_AREA));

	private final String code;

	private final String firmware;

	private final double drainPerHour;

	private final List<Parameter> parameters;

	DeviceKind(String code, String firmware, double drainPerHour, List<Parameter> parameters) {
		this.code = code;
		this.firmware = firmware;
		this.drainPerHour = drainPerHour;
		this.parameters = parameters;
	}

	/**
	 * Returns the short code used in device ids.
	 * @return e.g. {@code monitor}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Returns the firmware version the device reports.
	 * @return the version
	 */
	public String firmware() {
		return this.firmware;
	}

	/**
	 * Returns how fast the battery drains.
	 * @return percent per hour; 0 for mains power or a robot (its own cycle)
	 */
	public double drainPerHour() {
		return this.drainPerHour;
	}

	/**
	 * Returns the parameters the device can report.
	 * @return the parameters
	 */
	public List<Parameter> parameters() {
		return this.parameters;
	}

	/**
	 * Tells whether the device runs on a battery it reports.
	 * @return {@code false} for the mains-powered monitor
	 */
	public boolean batteryPowered() {
		return this != BEDSIDE_MONITOR;
	}

}
