package care.vitals.model.news2;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessWindowsTests {

	private static final Instant AT = Instant.parse("2026-12-07T10:00:00.250Z");

	@Test
	void aValueIsFreshUpToTheWindowsEndToTheNanosecond() {
		FreshnessWindows windows = FreshnessWindows.defaults()
			.with(News2Parameter.SPO2, Duration.ofSeconds(90, 500_000_000));
		Duration window = windows.window(News2Parameter.SPO2);
		assertThat(windows.isFresh(News2Parameter.SPO2, AT.minus(window), AT)).isTrue();
		assertThat(windows.isFresh(News2Parameter.SPO2, AT.minus(window).minusNanos(1), AT)).isFalse();
		assertThat(windows.isFresh(News2Parameter.SPO2, AT.minus(window).plusNanos(1), AT)).isTrue();
		assertThat(windows.isFresh(News2Parameter.SPO2, AT, AT)).isTrue();
		// a device clock ahead of the ward's: in the future, still fresh (as always)
		assertThat(windows.isFresh(News2Parameter.SPO2, AT.plusSeconds(30), AT)).isTrue();
	}

	@Test
	void answersAsTheInstantArithmeticItReplaces() {
		Random random = new Random(23);
		FreshnessWindows windows = FreshnessWindows.defaults()
			.with(News2Parameter.HEART_RATE, Duration.ofMillis(1 + random.nextInt(10_000)));
		for (int i = 0; i < 100_000; i++) {
			News2Parameter parameter = News2Parameter.values()[random.nextInt(News2Parameter.values().length)];
			Duration window = windows.window(parameter);
			long spread = Math.max(2, window.toMillis() * 4);
			Instant observedAt = AT.minusMillis(random.nextLong(spread) - spread / 4)
				.plusNanos(random.nextInt(1_000_000) * (random.nextBoolean() ? 1 : -1));
			boolean before = !observedAt.isBefore(AT.minus(window));
			assertThat(windows.isFresh(parameter, observedAt, AT)).as("%s at %s", parameter, observedAt)
				.isEqualTo(before);
		}
	}

}
