package care.vitals.ingest.patient;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that a sustained clock offset is measured and corrected, and that bursts of
 * buffered readings, pauses and spot checks are not mistaken for one.
 */
class DeviceClocksTests {

	private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

	private final DeviceClocks clocks = new DeviceClocks(Duration.ofSeconds(30), Duration.ofMinutes(2));

	@Test
	void aClockNinetySecondsBehindIsCorrectedOnceSustainedForTheWholeWindow() {
		Duration offset = Duration.ZERO;
		int seconds = (int) this.clocks.window().toSeconds();
		for (int s = 0; s < seconds - 30; s++) {
			offset = send("mon-1", s, 90_000 + (s % 3) * 40);
		}
		assertThat(offset).as("not yet sustained").isZero();
		for (int s = seconds - 30; s < seconds + 5; s++) {
			offset = send("mon-1", s, 90_000 + (s % 3) * 40);
		}
		assertThat(offset).isEqualTo(Duration.ofMillis(90_000));
		assertThat(this.clocks.offset("mon-1")).isEqualTo(Duration.ofMillis(90_000));
	}

	@Test
	void aClockAheadIsCorrectedBackwards() {
		Duration offset = Duration.ZERO;
		for (int s = 0; s < this.clocks.window().toSeconds() + 30; s++) {
			offset = send("mon-1", s, -60_000 + (s % 5) * 100);
		}
		assertThat(offset).isEqualTo(Duration.ofMillis(-60_000));
	}

	@Test
	void aPauseKeepsTheCorrectionAndAGoodClockEndsIt() {
		int seconds = (int) this.clocks.window().toSeconds() + 30;
		for (int s = 0; s < seconds; s++) {
			send("mon-1", s, 90_000);
		}
		assertThat(send("mon-1", seconds + 120, 90_000)).as("after two silent minutes")
			.isEqualTo(Duration.ofSeconds(90));
		assertThat(send("mon-1", seconds + 121, 40)).as("clock fixed").isZero();
	}

	@Test
	void aMinuteOfBufferedReadingsIsNotASlowClock() {
		for (int s = 0; s < 60; s++) {
			send("mon-1", s, 20);
		}
		// the ingest was away: ten minutes of backlog delivered within 70 s
		for (int s = 60; s < 130; s++) {
			assertThat(send("mon-1", s, 600_000 - (s - 60) * 8_000)).isZero();
		}
		for (int s = 130; s < 600; s++) {
			assertThat(send("mon-1", s, 15)).isZero();
		}
	}

	@Test
	void aThirtyMinuteBacklogDrainedOverThreeMinutesIsNotASlowClock() {
		for (int s = 0; s < 60; s++) {
			send("mon-1", s, 20);
		}
		// the ingest was away for 30 minutes; its backlog drains in 3 minutes
		for (int s = 1860; s < 2040; s++) {
			long lag = 1_800_000 - (s - 1860) * 10_000L;
			assertThat(send("mon-1", s, Math.max(lag, 20))).isZero();
		}
	}

	@Test
	void aDeviceTimeAfterItsArrivalIsTakenAsTheArrival() {
		Instant received = T0.plusSeconds(100);
		assertThat(DeviceClocks.wardTime(received.plusSeconds(20), Duration.ZERO, received)).isEqualTo(received);
		assertThat(DeviceClocks.wardTime(received.minusSeconds(90), Duration.ofSeconds(90), received))
			.isEqualTo(received);
		assertThat(DeviceClocks.wardTime(received.minusSeconds(100), Duration.ofSeconds(90), received))
			.isEqualTo(received.minusSeconds(10));
	}

	@Test
	void aSpotCheckDeviceIsNeverCorrected() {
		for (int s = 0; s < 3600; s += 120) {
			assertThat(send("bp-1", s, 90_000)).isZero();
		}
	}

	@Test
	void smallOffsetsWithinToleranceAreLeftAlone() {
		for (int s = 0; s < 900; s++) {
			assertThat(send("mon-1", s, 25_000)).isZero();
		}
	}

	/** One message received at T0 + s whose device time lags by {@code lagMillis}. */
	private Duration send(String device, int s, long lagMillis) {
		Instant received = T0.plusSeconds(s);
		return this.clocks.observe(device, received.minusMillis(lagMillis), received);
	}

}
