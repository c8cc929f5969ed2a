package care.vitals.model.news2;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.function.LongToIntFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast paths of {@link ChartCells} (a whole value, a value on a cell) score exactly
 * as the rule they shortcut: the value to three decimals half-up, then the worse of the
 * cells on either side.
 */
class ChartCellsTests {

	/** A band that tells every cell apart, so a cell off by one cannot go unnoticed. */
	private static final LongToIntFunction CELL = (cell) -> (int) Math.floorMod(cell * 7919, 1_000_003);

	@Test
	void scoresEveryValueAsTheResolutionRuleDoes() {
		SplittableRandom random = new SplittableRandom(20261206);
		for (int i = 0; i < 200_000; i++) {
			int decimals = random.nextInt(2);
			double value = switch (random.nextInt(5)) {
				// on a cell, as a device or a unit conversion writes it
				case 0 -> Math.round(random.nextDouble(0, 400) * 10) / 10.0;
				case 1 -> random.nextInt(0, 300) * 0.57 / 0.57;
				// a hair off a cell, inside and outside the resolution
				case 2 -> Math.round(random.nextDouble(0, 400)) + random.nextDouble(-0.0006, 0.0006);
				// half-way cases of the three decimals
				case 3 -> Math.round(random.nextDouble(0, 400) * 1000) / 1000.0 + 0.0005;
				default -> random.nextDouble(0, 400);
			};
			assertThat(ChartCells.score(value, decimals, CELL)).as("%s at %d decimals", value, decimals)
				.isEqualTo(rule(value, decimals));
		}
	}

	@Test
	void binaryNoiseOfAConversionLandsOnTheCell() {
		assertThat(ChartCells.score(0.57 * 100, 0, CELL)).isEqualTo(CELL.applyAsInt(57));
		assertThat(ChartCells.score(36.8, 1, CELL)).isEqualTo(CELL.applyAsInt(368));
		assertThat(ChartCells.score(35.05, 1, (cell) -> (cell == 350) ? 3 : (cell == 351) ? 1 : 0)).isEqualTo(3);
	}

	private static int rule(double value, int decimals) {
		BigDecimal cells = BigDecimal.valueOf(value)
			.setScale(ChartCells.RESOLUTION_DECIMALS, RoundingMode.HALF_UP)
			.movePointRight(decimals);
		long below = cells.setScale(0, RoundingMode.FLOOR).longValueExact();
		long above = cells.setScale(0, RoundingMode.CEILING).longValueExact();
		return Math.max(CELL.applyAsInt(below), CELL.applyAsInt(above));
	}

}
