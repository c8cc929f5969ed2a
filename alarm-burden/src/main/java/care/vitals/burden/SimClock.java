package care.vitals.burden;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulated ward's clock: the harness sets it to each input's time before handing the
 * input to the engine, so the engine's own {@code Instant.now(clock)} is the ward's
 * simulated time.
 */
final class SimClock extends Clock {

	private Instant now;

	SimClock(Instant start) {
		this.now = start;
	}

	void set(Instant instant) {
		this.now = instant;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the ward clock is UTC");
	}

}
