package care.vitals.publisher.physiology;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Verifies the coordinate-addressed random numbers: stable values and sane moments.
 */
class NoiseTests {

	@Test
	void sameCoordinatesGiveTheSameNumber() {
		assertThat(Noise.uniform(1, 2, 3)).isEqualTo(Noise.uniform(1, 2, 3));
		assertThat(Noise.uniform(1, 2, 3)).isNotEqualTo(Noise.uniform(1, 2, 4));
		assertThat(Noise.hash(0, 0, 0)).isEqualTo(Noise.hash(0, 0, 0));
	}

	@Test
	void gaussianHasMeanZeroAndUnitDeviation() {
		int n = 200_000;
		double sum = 0;
		double squares = 0;
		for (int i = 0; i < n; i++) {
			double g = Noise.gaussian(99, 5, i);
			sum += g;
			squares += g * g;
		}
		assertThat(sum / n).isCloseTo(0, within(0.01));
		assertThat(Math.sqrt(squares / n)).isCloseTo(1, within(0.01));
	}

	@Test
	void smoothNoiseIsContinuous() {
		double previous = Noise.smooth(3, 4, 0);
		for (int i = 1; i < 10_000; i++) {
			double now = Noise.smooth(3, 4, i / 100.0);
			assertThat(Math.abs(now - previous)).isLessThan(0.2);
			previous = now;
		}
		assertThat(Noise.smooth(3, 4, 7.0)).isEqualTo(Noise.gaussian(3, 4, 7));
	}

}
