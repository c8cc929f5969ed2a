package care.vitals.model.parameter;

/**
 * The closed interval {@code [min, max]} of physiologically or technically plausible
 * values of a parameter, in the parameter's stored unit. Values outside are artefacts and
 * rejected (CLIF outlier limits, see CLINICAL.md).
 *
 * @param min smallest plausible value, inclusive; finite
 * @param max largest plausible value, inclusive; finite and not below {@code min}
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
	 * numbers, e.g. {@code 50-100} or {@code 32-44}.
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
