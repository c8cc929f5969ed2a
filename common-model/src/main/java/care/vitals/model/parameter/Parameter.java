package care.vitals.model.parameter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static care.vitals.model.parameter.UnitConversion.identity;
import static care.vitals.model.parameter.UnitConversion.times;

/**
 * The catalogue of every measured parameter: the one place that defines its canonical
 * name (used in payloads, SenML names and InfluxDB field keys), stored UCUM unit,
 * accepted units with their conversion, LOINC code and plausible range.
 * <p>
 * The plausible range is the range of <em>possible</em> values (see
 * {@link PlausibleRange}): a value inside it is a patient, however sick, never an
 * artefact; only a value outside it is impossible and rejected. The ranges were once
 * CLIF's outlier limits (CLINICAL.md; e.g. SpO2 50-100 %, temperature 32-44 °C, heart
 * rate 0-300 /min, resp rate 0-60 /min). Those limits clean retrospective ICU research
 * data, where dropping an extreme value costs nothing; in live monitoring, dropping a
 * true extreme silences exactly the patient who needs the alarm (a profound desaturation
 * to 45 % was rejected). The ranges are therefore the physical and physiological extremes
 * a ward device can truly measure:
 * <ul>
 * <li>SpO2 0-100 %: the physical range of a saturation; pulse oximeters report values far
 * below 50 % in profound desaturation and cyanotic heart disease (their accuracy drops
 * below about 70 %, but the value is still a patient in danger).</li>
 * <li>Temperature 25-46 °C: severe accidental hypothermia (Swiss staging III, 24-28 °C)
 * and heat stroke (core temperatures above 45 °C are reported in survivors) are measured
 * and survived in this range; colder patients are monitored with core probes outside a
 * ward, and a ward thermometer reading outside it is broken.</li>
 * <li>Heart rate 0-350 /min: 0 is asystole; supraventricular tachycardia in infants
 * reaches about 300 /min.</li>
 * <li>Resp rate 0-100 /min: 0 is apnoea; neonates in respiratory distress exceed 60
 * /min.</li>
 * <li>Systolic 0-300, diastolic 0-250, mean 0-250 mmHg: 0 is no output (arrest); the
 * upper ends are beyond any measured hypertensive crisis.</li>
 * <li>Glucose 0-2000 mg/dL: hyperosmolar states exceed 1000 mg/dL.</li>
 * <li>Battery 0-100 % and the position and code ranges are technical, unchanged.</li>
 * </ul>
 * <p>
 * Values are always stored in {@link #storedUnit()}; an incoming value in another
 * accepted unit is converted with {@link #conversion(String)} before the plausibility
 * check. Units are matched exactly (case-sensitive, as UCUM is). Codes
 * ({@link #POSITION_AREA}, {@link #ROBOT_TASK}, {@link #ROBOT_ERROR}) are dimensionless
 * (unit {@code 1}) and must be whole numbers.
 */
public enum Parameter {

	/** Heart rate / pulse, per minute. */
	HEART_RATE("heart_rate", "8867-4", new PlausibleRange(0, 350), false, identity("/min"), identity("beat/min"),
			identity("1/min"), times("1/s", 60)),

	/** Respiratory rate, breaths per minute. */
	RESP_RATE("resp_rate", "9279-1", new PlausibleRange(0, 100), false, identity("/min"), identity("1/min"),
			times("1/s", 60)),

	/** Peripheral oxygen saturation, percent; {@code /} is a ratio 0-1. */
	SPO2("spo2", "2708-6", new PlausibleRange(0, 100), false, identity("%"), times("/", 100)),

	/** Body temperature, degrees Celsius. */
	TEMPERATURE("temperature", "8310-5", new PlausibleRange(25, 46), false, identity("Cel"),
			new UnitConversion("K", -273.15, 1, 1), new UnitConversion("degF", -32, 5, 9),
			new UnitConversion("[degF]", -32, 5, 9)),

	/** Systolic blood pressure, millimetres of mercury. */
	SYSTOLIC_BP("systolic_bp", "8480-6", new PlausibleRange(0, 300), false, Units.pressure()),

	/** Diastolic blood pressure, millimetres of mercury. */
	DIASTOLIC_BP("diastolic_bp", "8462-4", new PlausibleRange(0, 250), false, Units.pressure()),

	/** Mean arterial pressure, millimetres of mercury. */
	MEAN_BP("mean_bp", "8478-0", new PlausibleRange(0, 250), false, Units.pressure()),

	/** Blood glucose, mg/dL; mmol/L converted with factor 18.016. */
	GLUCOSE("glucose", "2339-0", new PlausibleRange(0, 2000), false, identity("mg/dL"), times("mmol/L", 18.016)),

	/** Device battery charge, percent; {@code %EL} is SenML's remaining battery level. */
	BATTERY("battery", null, new PlausibleRange(0, 100), false, identity("%"), identity("%EL")),

	/** Position east of the site origin, metres (care robots, positioning tags). */
	POSITION_X("position_x", null, new PlausibleRange(-10_000, 10_000), false, identity("m")),

	/** Position north of the site origin, metres. */
	POSITION_Y("position_y", null, new PlausibleRange(-10_000, 10_000), false, identity("m")),

	/** Numeric area code (room, corridor, zone) of the site plan. */
	POSITION_AREA("position_area", null, new PlausibleRange(0, 65_535), true, identity("1")),

	/** Numeric task code a care robot is executing. */
	ROBOT_TASK("robot_task", null, new PlausibleRange(0, 65_535), true, identity("1")),

	/** Numeric error code reported by a care robot, 0 for none. */
	ROBOT_ERROR("robot_error", null, new PlausibleRange(0, 65_535), true, identity("1"));

	private static final Map<String, Parameter> BY_NAME = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(Parameter::canonicalName, Function.identity()));

	private final String canonicalName;

	private final String loinc;

	private final PlausibleRange plausibleRange;

	private final boolean wholeNumber;

	private final List<UnitConversion> conversions;

	Parameter(String canonicalName, String loinc, PlausibleRange plausibleRange, boolean wholeNumber,
			UnitConversion... conversions) {
		this.canonicalName = canonicalName;
		this.loinc = loinc;
		this.plausibleRange = plausibleRange;
		this.wholeNumber = wholeNumber;
		this.conversions = List.of(conversions);
	}

	/**
	 * Looks a parameter up by its canonical name (exact, lower case).
	 * @param name the canonical name, e.g. {@code heart_rate}; may be {@code null}
	 * @return the parameter, or empty if the name is unknown or {@code null}
	 */
	public static Optional<Parameter> byName(String name) {
		return (name != null) ? Optional.ofNullable(BY_NAME.get(name)) : Optional.empty();
	}

	/**
	 * Returns the canonical name used in payloads and as the InfluxDB field key.
	 * @return the lower_snake_case name, e.g. {@code spo2}
	 */
	public String canonicalName() {
		return this.canonicalName;
	}

	/**
	 * Returns the UCUM unit values are stored in.
	 * @return the stored unit, e.g. {@code mm[Hg]}
	 */
	public String storedUnit() {
		return this.conversions.get(0).unit();
	}

	/**
	 * Returns every accepted unit, the stored unit first.
	 * @return the accepted units, unmodifiable
	 */
	public List<String> acceptedUnits() {
		return this.conversions.stream().map(UnitConversion::unit).toList();
	}

	/**
	 * Returns the conversion from an accepted unit to the stored unit.
	 * @param unit the unit as written in the payload; {@code null} means the stored unit
	 * @return the conversion, or empty if the unit is not accepted for this parameter
	 */
	public Optional<UnitConversion> conversion(String unit) {
		if (unit == null) {
			return Optional.of(this.conversions.get(0));
		}
		return this.conversions.stream().filter((conversion) -> conversion.unit().equals(unit)).findFirst();
	}

	/**
	 * Returns the LOINC code.
	 * @return the LOINC code, or {@code null} for technical parameters that have none
	 */
	public String loinc() {
		return this.loinc;
	}

	/**
	 * Returns the plausible range in the stored unit, both ends inclusive: the range of
	 * <em>possible</em> values. A value inside it is a patient, not an artefact, and is
	 * never rejected; a value outside it is impossible (a broken sensor or a bad
	 * conversion).
	 * @return the range
	 */
	public PlausibleRange plausibleRange() {
		return this.plausibleRange;
	}

	/**
	 * Tells whether values must be whole numbers (numeric codes).
	 * @return {@code true} for code parameters
	 */
	public boolean wholeNumber() {
		return this.wholeNumber;
	}

	/**
	 * Tells whether a value in the stored unit is plausible, i.e. possible: finite,
	 * inside the range and, for codes, a whole number.
	 * @param stored the value in the stored unit
	 * @return {@code true} if the value is plausible
	 */
	public boolean isPlausible(double stored) {
		return this.plausibleRange.contains(stored) && (!this.wholeNumber || stored == Math.rint(stored));
	}

	/**
	 * Returns the canonical name.
	 * @return the canonical name
	 */
	@Override
	public String toString() {
		return this.canonicalName;
	}

	/**
	 * Pressure units shared by the blood-pressure parameters.
	 */
	private static final class Units {

		/** Pascals per millimetre of mercury. */
		private static final double PASCAL_PER_MMHG = 133.322;

		static UnitConversion[] pressure() {
			return new UnitConversion[] { identity("mm[Hg]"), identity("mmHg"),
					new UnitConversion("Pa", 0, 1, PASCAL_PER_MMHG),
					new UnitConversion("kPa", 0, 1000, PASCAL_PER_MMHG) };
		}

	}

}
