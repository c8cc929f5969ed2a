package care.vitals.ingest.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Batching between the MQTT callback and InfluxDB.
 *
 * @param maxLines a batch is written once it holds this many lines
 * @param maxDelay ... or once its first message has waited this long
 * @param queueCapacity messages held between the MQTT callback and the writer; when full
 * the callback waits, which stops reading from the broker (back-pressure)
 * @param queueBytes ... and at most this much queued line protocol, counted in characters
 * (a buffered backfill message can carry a thousand readings), so the queue fits the heap
 * whatever the messages hold
 * @param initialBackoff first pause after a failed write
 * @param maxBackoff longest pause between write attempts (also caps {@code Retry-After})
 * @param attemptsBeforeSpool write attempts of a fresh batch before it goes to the spool
 */
@ConfigurationProperties("ingest.batch")
public record BatchProperties(int maxLines, Duration maxDelay, int queueCapacity, DataSize queueBytes,
		Duration initialBackoff, Duration maxBackoff, int attemptsBeforeSpool) {

	public BatchProperties {
		Assert.isTrue(maxLines >= 1, "ingest.batch.max-lines must be at least 1, not " + maxLines);
		Assert.notNull(maxDelay, "ingest.batch.max-delay is required");
		Assert.isTrue(queueCapacity >= 1, "ingest.batch.queue-capacity must be at least 1, not " + queueCapacity);
		Assert.isTrue(queueBytes != null && queueBytes.toBytes() >= 1024 && queueBytes.toBytes() <= Integer.MAX_VALUE,
				"ingest.batch.queue-bytes must be 1KB-2GB, not " + queueBytes);
		Assert.notNull(initialBackoff, "ingest.batch.initial-backoff is required");
		Assert.notNull(maxBackoff, "ingest.batch.max-backoff is required");
		Assert.isTrue(attemptsBeforeSpool >= 1,
				"ingest.batch.attempts-before-spool must be at least 1, not " + attemptsBeforeSpool);
	}

}
