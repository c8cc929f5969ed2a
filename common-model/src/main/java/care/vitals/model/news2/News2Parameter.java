package care.vitals.model.news2;

import java.util.Optional;

import care.vitals.model.parameter.Parameter;

/**
 * The seven NEWS2 parameters, in chart order. Each has a code used as the sub-score field
 * name (e.g. in the InfluxDB {@code news2} measurement) and, where it is a measured
 * value, the catalogue {@link Parameter}.
 */
public enum News2Parameter {

	/** Respiration rate, per minute. */
	RESP_RATE("resp_rate", Parameter.RESP_RATE),

	/** SpO2, percent, on scale 1 or scale 2. */
	SPO2("spo2", Parameter.SPO2),

	/** Air or supplemental oxygen: the reading's {@code o2} flag. */
	AIR_OR_OXYGEN("o2", null),

	/** Systolic blood pressure, mmHg. */
	SYSTOLIC_BP("systolic_bp", Parameter.SYSTOLIC_BP),

	/** Pulse (heart rate), per minute. */
	HEART_RATE("heart_rate", Parameter.HEART_RATE),

	/** Level of consciousness, ACVPU: the reading's {@code consciousness} flag. */
	CONSCIOUSNESS("consciousness", null),

	/** Temperature, degrees Celsius. */
	TEMPERATURE("temperature", Parameter.TEMPERATURE);

	private final String code;

	private final Parameter parameter;

	News2Parameter(String code, Parameter parameter) {
		this.code = code;
		this.parameter = parameter;
	}

	/**
	 * Returns the code used as field name.
	 * @return e.g. {@code resp_rate} or {@code o2}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Returns the catalogue parameter whose value this NEWS2 parameter scores.
	 * @return the parameter, or empty for the two flags (air/oxygen, consciousness)
	 */
	public Optional<Parameter> parameter() {
		return Optional.ofNullable(this.parameter);
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
