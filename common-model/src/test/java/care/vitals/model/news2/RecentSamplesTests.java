package care.vitals.model.news2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentSamplesTests {

	private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

	@Test
	void medianOfOddAndEvenCounts() {
		RecentSamples samples = new RecentSamples();
		samples.add(T0, 90, 128, Duration.ofMinutes(2));
		assertThat(samples.median()).isEqualTo(90);
		samples.add(T0.plusSeconds(1), 70, 128, Duration.ofMinutes(2));
		assertThat(samples.median()).isEqualTo(80);
		samples.add(T0.plusSeconds(2), 20, 128, Duration.ofMinutes(2));
		assertThat(samples.median()).isEqualTo(70);
	}

	@Test
	void dropsSamplesOlderThanTheSpanButKeepsTheNewest() {
		RecentSamples samples = new RecentSamples();
		samples.add(T0, 10, 128, Duration.ofMinutes(2));
		samples.add(T0.plusSeconds(60), 20, 128, Duration.ofMinutes(2));
		samples.add(T0.plusSeconds(121), 30, 128, Duration.ofMinutes(2));
		assertThat(samples.size()).isEqualTo(2);
		assertThat(samples.median()).isEqualTo(25);
		samples.add(T0.plusSeconds(600), 99, 128, Duration.ofMinutes(2));
		assertThat(samples.size()).isEqualTo(1);
		assertThat(samples.median()).isEqualTo(99);
	}

	@Test
	void agreesWithSortingTheWindowOnRandomSamplesWithDuplicates() {
		Random random = new Random(20261205);
		RecentSamples samples = new RecentSamples();
		List<Double> window = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			double value = random.nextInt(40) + ((random.nextInt(10) == 0) ? 0.5 : 0);
			samples.add(T0.plusMillis(i * 250L), value, 128, Duration.ofHours(1));
			window.add(value);
			if (window.size() > 128) {
				window.remove(0);
			}
			List<Double> sorted = window.stream().sorted().toList();
			int middle = sorted.size() / 2;
			double expected = (sorted.size() % 2 == 1) ? sorted.get(middle)
					: (sorted.get(middle - 1) + sorted.get(middle)) / 2;
			assertThat(samples.median()).isEqualTo(expected);
			assertThat(samples.size()).isEqualTo(window.size());
		}
	}

}
