package care.vitals.web;

import java.time.Duration;

/**
 * The service could not complete the request now (503, {@link ProblemType#UNAVAILABLE},
 * with {@code Retry-After}): the MQTT broker did not take a retained message, the storage
 * queue was interrupted because the service is shutting down. Not the client's fault and
 * not a conflict: the client checks the current state and tries again. The detail says
 * whether anything changed; the cause is logged, never answered.
 */
public non-sealed class Unavailable extends ProblemException {

	/** How long a client waits by default before it tries again. */
	public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	private final Duration retryAfter;

	/**
	 * Creates the exception with the default {@code Retry-After}.
	 * @param detail what could not be done and whether anything changed
	 * @param cause what failed, for the log
	 */
	public Unavailable(String detail, Throwable cause) {
		this(detail, DEFAULT_RETRY_AFTER, cause);
	}

	/**
	 * Creates the exception.
	 * @param detail what could not be done and whether anything changed
	 * @param retryAfter how long the client should wait before it tries again
	 * @param cause what failed, for the log
	 */
	public Unavailable(String detail, Duration retryAfter, Throwable cause) {
		super(ProblemType.UNAVAILABLE, detail, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns how long the client should wait before it tries again.
	 * @return the delay, answered as {@code Retry-After} in whole seconds
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
