package care.vitals.model.codec;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds every decoder enforces on untrusted payloads.
 *
 * @param maxPayloadBytes largest accepted payload in bytes, checked before parsing;
 * positive (default 65536)
 * @param maxRecords most SenML records in one pack; positive (default 1000)
 * @param maxNestingDepth deepest JSON nesting of objects and arrays; at least 2 (default
 * 8)
 * @param maxFutureSkew how far a timestamp may lie ahead of the clock (device clock
 * skew); not negative, at most 100 years (default 5 minutes)
 * @param maxAge how far a timestamp may lie behind the clock (retention, buffered
 * backfill); positive, at most 100 years (default 30 days)
 */
public record DecodeLimits(int maxPayloadBytes, int maxRecords, int maxNestingDepth, Duration maxFutureSkew,
		Duration maxAge) {

	private static final Duration MAX_DURATION = Duration.ofDays(36_525);

	private static final DecodeLimits DEFAULTS = new DecodeLimits(65_536, 1_000, 8, Duration.ofMinutes(5),
			Duration.ofDays(30));

	/**
	 * Validates the limits.
	 * @throws IllegalArgumentException if a limit is out of its range
	 */
	public DecodeLimits {
		if (maxPayloadBytes <= 0) {
			throw new IllegalArgumentException("maxPayloadBytes must be positive");
		}
		if (maxRecords <= 0) {
			throw new IllegalArgumentException("maxRecords must be positive");
		}
		if (maxNestingDepth < 2) {
			throw new IllegalArgumentException("maxNestingDepth must be at least 2");
		}
		Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
		Objects.requireNonNull(maxAge, "maxAge");
		if (maxFutureSkew.isNegative() || maxFutureSkew.compareTo(MAX_DURATION) > 0) {
			throw new IllegalArgumentException("maxFutureSkew must be 0 to 100 years");
		}
		if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_DURATION) > 0) {
			throw new IllegalArgumentException("maxAge must be positive and at most 100 years");
		}
	}

	/**
	 * Returns the defaults: 64 KiB, 1000 records, depth 8, 5 minutes skew, 30 days age.
	 * @return the default limits
	 */
	public static DecodeLimits defaults() {
		return DEFAULTS;
	}

}
