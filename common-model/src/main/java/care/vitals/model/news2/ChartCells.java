package care.vitals.model.news2;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.LongToIntFunction;

/**
 * Places a measured value on the NEWS2 chart, whose cells are whole numbers (temperature:
 * tenths of a degree), and scores it.
 * <p>
 * <b>Between two cells, the worse band.</b> A value on a cell scores that cell; a value
 * between two adjacent cells scores the higher (worse) sub-score of the two: SpO2 95.5
 * lies between 95 (1) and 96 (0) and scores 1, respiration rate 20.5 between 20 (0) and
 * 21 (2) scores 2, temperature 35.05 between 35.0 (3) and 35.1 (1) scores 3. Rounding
 * either way would hide a patient on the wrong side of a boundary half of the time; the
 * chart is a screening tool, so doubt counts against the patient.
 * <p>
 * <b>Resolution.</b> Values are first taken to {@value #RESOLUTION_DECIMALS} decimals in
 * their stored unit (half-up on the value's shortest decimal form,
 * {@link Double#toString}), so the noise of unit conversion and binary arithmetic never
 * decides a band: an SpO2 ratio of 0.57 is stored as 56.99999999999999 %, and a value a
 * hair below 96 (or above 90) would otherwise lie between two cells and score the worse
 * one. Only a value at least half a thousandth away from a cell lies between cells. In
 * the clinical range every value is plausible and non-negative, for which half-up is
 * rounding half away from zero.
 */
final class ChartCells {

	/** Decimals at which a value is compared with the chart cells. */
	static final int RESOLUTION_DECIMALS = 3;

	private static final double[] POWERS = { 1, 10, 100, 1000 };

	/**
	 * How close to a cell (in cells) a value counts as on it without rounding: a
	 * millionth of a cell, far inside the half thousandth the resolution rounds away.
	 */
	private static final double ON_CELL = 1e-6;

	private ChartCells() {
	}

	/**
	 * Scores a value: the worse band of the cells on either side of it.
	 * @param value the value in its stored unit, finite
	 * @param cellDecimals decimals of the chart's cells: 0 for whole numbers, 1 for
	 * tenths
	 * @param band the sub-score of a cell, given as the cell times 10^cellDecimals
	 * @return the sub-score
	 * @throws IllegalArgumentException if the value is not finite
	 */
	static int score(double value, int cellDecimals, LongToIntFunction band) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("value must be finite, got " + value);
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e9 && cellDecimals >= 0 && cellDecimals <= 3) {
			// a whole number lies on a cell: no rounding to decide (the common case, and
			// BigDecimal.valueOf(double) was a tenth of the engine's time)
			long cell = (long) value;
			for (int i = 0; i < cellDecimals; i++) {
				cell *= 10;
			}
			return band.applyAsInt(cell);
		}
		if (Math.abs(value) < 1e9 && cellDecimals >= 0 && cellDecimals <= 3) {
			// on a cell of a chart in tenths (36.8 °C): 36.8 * 10 is 368 up to binary
			// noise far below the resolution, which would round it onto the same cell
			double scaled = value * POWERS[cellDecimals];
			double cell = Math.rint(scaled);
			if (Math.abs(scaled - cell) < ON_CELL) {
				return band.applyAsInt((long) cell);
			}
		}
		BigDecimal resolved = BigDecimal.valueOf(value).setScale(RESOLUTION_DECIMALS, RoundingMode.HALF_UP);
		BigDecimal cells = resolved.movePointRight(cellDecimals);
		long below = cells.setScale(0, RoundingMode.FLOOR).longValueExact();
		long above = cells.setScale(0, RoundingMode.CEILING).longValueExact();
		return Math.max(band.applyAsInt(below), band.applyAsInt(above));
	}

}
