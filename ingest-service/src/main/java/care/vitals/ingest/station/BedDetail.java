package care.vitals.ingest.station;

import java.util.List;

/**
 * One bed in detail: the board's tile, the NEWS2 sub-scores, the staff observations in
 * force and the alarm limits in force.
 *
 * @param bed the bed as the board shows it
 * @param patient the patient, or {@code null} for an empty bed or a double booking
 * @param vitals the NEWS2 inputs in force in chart order: value with unit, source, age
 * @param subScores the NEWS2 parameters in chart order with their sub-score or why none
 * @param scale the SpO2 scale prescribed ("1" or "2")
 * @param observations what staff recorded, newest first
 * @param limits the alarm limits in force, per parameter
 */
public record BedDetail(BedView bed, String patient, List<VitalView> vitals, List<SubScore> subScores, String scale,
		List<ObservationView> observations, List<LimitView> limits) {

	/**
	 * The value the score uses for one NEWS2 parameter, or why there is none.
	 *
	 * @param parameter NEWS2 parameter code
	 * @param label the parameter in words, e.g. "Respiration rate"
	 * @param value the value with its unit ("22 /min", "on oxygen", "V (voice)"), or "no
	 * current value"
	 * @param source who measured it ("device mon-1", "staff: anna"), or empty
	 * @param age how long ago it was measured, or empty
	 * @param current whether a value is in force
	 */
	public record VitalView(String parameter, String label, String value, String source, String age, boolean current) {
	}

	/**
	 * @param parameter NEWS2 parameter code
	 * @param score the sub-score, or {@code null} if not counted
	 * @param note "missing" (never reported) or "out of date", or empty
	 */
	public record SubScore(String parameter, Integer score, String note) {
	}

	/**
	 * @param observedAt when, in words
	 * @param observer who recorded it
	 * @param what what was observed
	 */
	public record ObservationView(String observedAt, String observer, String what) {
	}

	/**
	 * @param parameter the parameter
	 * @param limits the limits in words, e.g. "low 90, critical low 85"
	 * @param delay the alarm delay, e.g. "15 s"
	 * @param enabled whether the parameter's alarms are on
	 * @param changed who changed it and when ("changed by ben, 3 min ago"), or empty for
	 * the default
	 * @param criticalLow the limit in force as a number for the limits form, or empty
	 * @param low the limit in force, or empty
	 * @param high the limit in force, or empty
	 * @param criticalHigh the limit in force, or empty
	 * @param delaySeconds the delay in seconds
	 * @param unit the unit of the limits, e.g. "%"
	 */
	public record LimitView(String parameter, String limits, String delay, boolean enabled, String changed,
			String criticalLow, String low, String high, String criticalHigh, long delaySeconds, String unit) {
	}

}
