package care.vitals.ingest.spool;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The local disk spool that holds batches while InfluxDB is down or slow.
 *
 * @param dir directory of the spool segments ({@code SPOOL_DIR})
 * @param budget the most disk the spool may use; past it the service stops acking and the
 * broker holds the messages instead
 * @param segmentSize size after which a new segment file is started
 * @param warnBytes spool size at which health reports a warning (still UP)
 */
@Validated
@ConfigurationProperties("ingest.spool")
public record SpoolProperties(@NotNull Path dir, @NotNull DataSize budget, @NotNull DataSize segmentSize,
		@NotNull DataSize warnBytes) {
}
