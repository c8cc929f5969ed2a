package care.vitals.publisher.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When ticks fall: devices are spread over {@code slots} evenly spaced phases of the
 * period, so a ward does not publish in one burst. Tick {@code k} of slot {@code s} is
 * stamped {@code origin + k * period + s * period / slots} (to the millisecond), whatever
 * the real scheduling jitter, so timestamps are reproducible.
 *
 * @param origin the timestamp of the first tick of slot 0
 * @param period the time between two ticks of a device
 * @param slots the number of phases
 */
record Schedule(Instant origin, Duration period, int slots) {

	Duration offset(int slot) {
		return Duration.ofNanos(this.period.toNanos() * slot / this.slots);
	}

	Instant tick(int slot, long k) {
		return this.origin.plusNanos(this.period.toNanos() * k).plus(offset(slot)).truncatedTo(ChronoUnit.MILLIS);
	}

}
