package care.vitals.model.parameter;

/**
 * A linear conversion from an accepted unit to a parameter's stored unit:
 * {@code stored = value * factor + offset}.
 *
 * @param unit the accepted unit as written in payloads (UCUM or SenML spelling, e.g.
 * {@code degF}, {@code kPa}, {@code %EL}); never {@code null} or blank
 * @param factor multiplier applied to the incoming value; finite and non-zero
 * @param offset added after multiplying, in the stored unit; finite
 */
public record UnitConversion(String unit, double factor, double offset) {

	/**
	 * Validates the conversion.
	 */
	public UnitConversion {
		if (unit == null || unit.isBlank()) {
			throw new IllegalArgumentException("unit must not be blank");
		}
		if (!Double.isFinite(factor) || factor == 0) {
			throw new IllegalArgumentException("factor must be finite and non-zero");
		}
		if (!Double.isFinite(offset)) {
			throw new IllegalArgumentException("offset must be finite");
		}
	}

	/**
	 * Creates a conversion that only scales.
	 * @param unit the accepted unit
	 * @param factor the multiplier to the stored unit
	 * @return the conversion
	 */
	public static UnitConversion scale(String unit, double factor) {
		return new UnitConversion(unit, factor, 0);
	}

	/**
	 * Creates the identity conversion (the unit is the stored unit or an alias of it).
	 * @param unit the accepted unit
	 * @return the conversion
	 */
	public static UnitConversion identity(String unit) {
		return new UnitConversion(unit, 1, 0);
	}

	/**
	 * Converts a value in this unit to the stored unit.
	 * @param value the value in {@link #unit()}
	 * @return the value in the parameter's stored unit
	 */
	public double toStored(double value) {
		return value * this.factor + this.offset;
	}

	/**
	 * Converts a value in the stored unit to this unit (used by encoders).
	 * @param stored the value in the parameter's stored unit
	 * @return the value in {@link #unit()}
	 */
	public double fromStored(double stored) {
		return (stored - this.offset) / this.factor;
	}

}
