package care.vitals.ingest.storage;

import java.time.Duration;

/**
 * What happened to one write request.
 */
public sealed interface WriteOutcome {

	/** InfluxDB accepted the batch (2xx): the data is durable. */
	record Written() implements WriteOutcome {
	}

	/**
	 * The server is unavailable, overloaded or slow (429, 5xx, timeout, connection
	 * refused): try again later.
	 *
	 * @param reason what went wrong, for logs
	 * @param retryAfter the server's {@code Retry-After}, or null
	 */
	record Retryable(String reason, Duration retryAfter) implements WriteOutcome {
	}

	/**
	 * The server refused the data itself (400, 422, 413): retrying the same lines cannot
	 * succeed.
	 *
	 * @param status HTTP status
	 * @param message the server's error message
	 */
	record Rejected(int status, String message) implements WriteOutcome {
	}

	static WriteOutcome fromStatus(int status, String message, Duration retryAfter) {
		if (status >= 200 && status < 300) {
			return new Written();
		}
		if (status == 400 || status == 413 || status == 422) {
			return new Rejected(status, message);
		}
		return new Retryable("HTTP " + status + ": " + message, retryAfter);
	}

}
