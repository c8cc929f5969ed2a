package care.vitals.ingest.pipeline;

import java.time.Duration;

/**
 * Exponential back-off between write attempts that honours a server's
 * {@code Retry-After}, capped at the maximum.
 */
final class Backoff {

	private final Duration initial;

	private final Duration max;

	private Duration next;

	Backoff(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
		this.next = initial;
	}

	/** The pause before the next attempt. */
	Duration next(Duration retryAfter) {
		Duration pause = (retryAfter != null && retryAfter.compareTo(this.next) > 0) ? retryAfter : this.next;
		this.next = min(this.next.multipliedBy(2), this.max);
		return min(pause, this.max);
	}

	void reset() {
		this.next = this.initial;
	}

	void sleep(Duration retryAfter) throws InterruptedException {
		Thread.sleep(next(retryAfter).toMillis());
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
