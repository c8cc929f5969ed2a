package care.vitals.ingest.pipeline;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Batching between the MQTT callback and InfluxDB.
 *
 * @param maxLines a batch is written once it holds this many lines
 * @param maxDelay ... or once its first message has waited this long
 * @param queueCapacity messages held between the MQTT callback and the writer; when full
 * the callback waits, which stops reading from the broker (back-pressure)
 * @param initialBackoff first pause after a failed write
 * @param maxBackoff longest pause between write attempts (also caps {@code Retry-After})
 * @param attemptsBeforeSpool write attempts of a fresh batch before it goes to the spool
 */
@Validated
@ConfigurationProperties("ingest.batch")
public record BatchProperties(@Min(1) int maxLines, @NotNull Duration maxDelay, @Min(1) int queueCapacity,
		@NotNull Duration initialBackoff, @NotNull Duration maxBackoff, @Min(1) int attemptsBeforeSpool) {
}
