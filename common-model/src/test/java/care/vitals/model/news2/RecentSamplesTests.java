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

	private static final Duration SPAN = Duration.ofMinutes(2);

	@Test
	void medianOfOddAndEvenCountsOfSlots() {
		RecentSamples samples = new RecentSamples();
		samples.add(T0, 90, SPAN);
		assertThat(samples.median()).isEqualTo(90);
		samples.add(T0.plusSeconds(5), 70, SPAN);
		assertThat(samples.median()).isEqualTo(80);
		samples.add(T0.plusSeconds(10), 20, SPAN);
		assertThat(samples.median()).isEqualTo(70);
	}

	@Test
	void aSlotKeepsTheLastValueThatArrivedInIt() {
		RecentSamples samples = new RecentSamples();
		samples.add(T0, 90, SPAN);
		for (int i = 0; i < 1000; i++) {
			samples.add(T0.plusMillis(5000 + i * 4L), 60 + i % 3, SPAN);
		}
		assertThat(samples.size()).isEqualTo(2);
		assertThat(samples.median()).isEqualTo((90 + 60) / 2.0);
	}

	@Test
	void dropsSlotsOlderThanTheSpanButKeepsTheNewest() {
		RecentSamples samples = new RecentSamples();
		samples.add(T0, 10, SPAN);
		samples.add(T0.plusSeconds(60), 20, SPAN);
		samples.add(T0.plusSeconds(125), 30, SPAN);
		assertThat(samples.size()).isEqualTo(2);
		assertThat(samples.median()).isEqualTo(25);
		samples.add(T0.plusSeconds(600), 99, SPAN);
		assertThat(samples.size()).isEqualTo(1);
		assertThat(samples.median()).isEqualTo(99);
	}

	@Test
	void aSpikeOfLessThanHalfTheSpanNeverMovesTheMedianOfASteadyValue() {
		RecentSamples samples = new RecentSamples();
		for (int s = 0; s < 240; s++) {
			boolean spike = s >= 180 && s < 235;
			samples.add(T0.plusSeconds(s), spike ? 200 : 80, SPAN);
			assertThat(samples.median()).as("second " + s).isEqualTo(80);
		}
	}

	@Test
	void agreesWithTheMedianOfTheLastValueOfEachSlotOnRandomValuesWithDuplicates() {
		Random random = new Random(20261205);
		RecentSamples samples = new RecentSamples();
		List<long[]> slots = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		long millis = 0;
		for (int i = 0; i < 5000; i++) {
			// now and then a gap longer than the span (a device off for ten minutes)
			millis += (random.nextInt(50) == 0) ? 600_000 : random.nextInt(9000);
			double value = random.nextInt(40) + ((random.nextInt(10) == 0) ? 0.5 : 0);
			samples.add(T0.plusMillis(millis), value, SPAN);
			long slot = Math.floorDiv(T0.plusMillis(millis).toEpochMilli(), 5000);
			if (!slots.isEmpty() && slots.get(slots.size() - 1)[0] == slot) {
				values.set(values.size() - 1, value);
			}
			else {
				slots.add(new long[] { slot });
				values.add(value);
			}
			while (slots.size() > 1 && slots.get(0)[0] < slot - RecentSamples.SLOTS_PER_SPAN) {
				slots.remove(0);
				values.remove(0);
			}
			List<Double> sorted = values.stream().sorted().toList();
			int middle = sorted.size() / 2;
			double expected = (sorted.size() % 2 == 1) ? sorted.get(middle)
					: (sorted.get(middle - 1) + sorted.get(middle)) / 2;
			assertThat(samples.median()).isEqualTo(expected);
			assertThat(samples.size()).isEqualTo(values.size());
		}
	}

}
