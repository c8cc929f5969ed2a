package care.vitals.model.parameter;

/**
 * The closed interval {@code [min, max]} of physiologically or technically
 * <em>possible</em> values of a parameter, in the parameter's stored unit. A value inside
 * it is a patient, however extreme (a saturation of 45 % is a profound desaturation, not
 * an artefact), and is kept; a value outside it is impossible (a broken sensor, a wrong
 * unit) and that value alone is rejected. The name is historical: these once were CLIF's
 * research outlier limits (CLINICAL.md), which are too narrow for live monitoring; see
 * {@link Parameter} for the ranges and their reasoning.
 *
 * @param min smallest possible value, inclusive; finite
 * @param max largest possible value, inclusive; finite and not below {@code min}
 */
public record PlausibleRange(double min, double max) {

	/**
	 * Validates the bounds.
	 */
	public PlausibleRange {
		if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
			throw new IllegalArgumentException("range must be finite with min <= max");
		}
	}

	/**
	 * Tells whether a value lies inside the range, both ends inclusive.
	 * @param value a value in the stored unit; NaN and infinities are never contained
	 * @return {@code true} if {@code min <= value <= max}
	 */
	public boolean contains(double value) {
		return value >= this.min && value <= this.max;
	}

	/**
	 * Formats the range as {@code min-max}, without a trailing {@code .0} on whole
	 * numbers, e.g. {@code 0-100} or {@code 25-46}.
	 * @return the formatted range
	 */
	@Override
	public String toString() {
		return format(this.min) + "-" + format(this.max);
	}

	private static String format(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}

}
