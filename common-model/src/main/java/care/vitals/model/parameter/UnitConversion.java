package care.vitals.model.parameter;

/**
 * An affine conversion from an accepted unit to a parameter's stored unit:
 * {@code stored = (value + offset) * multiplier / divisor}. Multiplier and divisor are
 * kept apart so that conversions such as degF to Cel ({@code (F - 32) * 5 / 9}) or Pa to
 * mm[Hg] ({@code Pa / 133.322}) round only once per operation.
 *
 * @param unit the accepted unit as written in payloads (UCUM or SenML spelling, e.g.
 * {@code degF}, {@code kPa}, {@code %EL}); never {@code null} or blank
 * @param offset added to the incoming value first, in the accepted unit; finite
 * @param multiplier then multiplied by; finite and non-zero
 * @param divisor then divided by; finite and non-zero
 */
public record UnitConversion(String unit, double offset, double multiplier, double divisor) {

	/**
	 * Validates the conversion.
	 */
	public UnitConversion {
		if (unit == null || unit.isBlank()) {
			throw new IllegalArgumentException("unit must not be blank");
		}
		if (!Double.isFinite(offset)) {
			throw new IllegalArgumentException("offset must be finite");
		}
		if (!Double.isFinite(multiplier) || multiplier == 0 || !Double.isFinite(divisor) || divisor == 0) {
			throw new IllegalArgumentException("multiplier and divisor must be finite and non-zero");
		}
	}

	/**
	 * Creates the identity conversion (the unit is the stored unit or an alias of it).
	 * @param unit the accepted unit
	 * @return the conversion
	 */
	public static UnitConversion identity(String unit) {
		return new UnitConversion(unit, 0, 1, 1);
	}

	/**
	 * Creates a conversion that multiplies.
	 * @param unit the accepted unit
	 * @param multiplier stored value per unit
	 * @return the conversion
	 */
	public static UnitConversion times(String unit, double multiplier) {
		return new UnitConversion(unit, 0, multiplier, 1);
	}

	/**
	 * Converts a value in this unit to the stored unit.
	 * @param value the value in {@link #unit()}
	 * @return the value in the parameter's stored unit
	 */
	public double toStored(double value) {
		return (value + this.offset) * this.multiplier / this.divisor;
	}

	/**
	 * Converts a value in the stored unit to this unit (used by encoders).
	 * @param stored the value in the parameter's stored unit
	 * @return the value in {@link #unit()}
	 */
	public double fromStored(double stored) {
		return stored * this.divisor / this.multiplier - this.offset;
	}

}
