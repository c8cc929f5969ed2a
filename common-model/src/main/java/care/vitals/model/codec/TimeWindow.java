package care.vitals.model.codec;

import java.time.Instant;

import care.vitals.model.rejection.RejectReason;

/**
 * The accepted window of timestamps around one "now": not later than now plus the allowed
 * clock skew, not earlier than now minus the maximum age. Both ends inclusive.
 */
final class TimeWindow {

	private final Instant now;

	private final Instant earliest;

	private final Instant latest;

	private final DecodeLimits limits;

	TimeWindow(Instant now, DecodeLimits limits) {
		this.now = now;
		this.limits = limits;
		this.earliest = now.minus(limits.maxAge());
		this.latest = now.plus(limits.maxFutureSkew());
	}

	/**
	 * Returns the timestamp if it lies inside the window.
	 * @param context what the timestamp belongs to, e.g. {@code "field 'ts'"}
	 */
	Instant check(Instant timestamp, String context) {
		if (timestamp.isAfter(this.latest)) {
			throw new DecodeFailure(RejectReason.TIMESTAMP_OUT_OF_BOUNDS, context + " " + timestamp + " is more than "
					+ this.limits.maxFutureSkew() + " ahead of now (" + this.now + ")");
		}
		if (timestamp.isBefore(this.earliest)) {
			throw new DecodeFailure(RejectReason.TIMESTAMP_OUT_OF_BOUNDS, context + " " + timestamp + " is more than "
					+ this.limits.maxAge() + " before now (" + this.now + ")");
		}
		return timestamp;
	}

}
