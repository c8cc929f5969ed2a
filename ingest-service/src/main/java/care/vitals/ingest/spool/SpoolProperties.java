package care.vitals.ingest.spool;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * The local disk spool that holds batches while InfluxDB is down or slow.
 *
 * @param dir directory of the spool segments ({@code SPOOL_DIR})
 * @param budget the most disk the spool may use; past it the service stops acking and the
 * broker holds the messages instead
 * @param segmentSize size after which a new segment file is started
 * @param warnBytes spool size at which health reports a warning (still UP)
 */
@ConfigurationProperties("ingest.spool")
public record SpoolProperties(Path dir, DataSize budget, DataSize segmentSize, DataSize warnBytes) {

	public SpoolProperties {
		Assert.notNull(dir, "ingest.spool.dir (SPOOL_DIR) is required");
		Assert.notNull(budget, "ingest.spool.budget (SPOOL_BUDGET) is required");
		Assert.notNull(segmentSize, "ingest.spool.segment-size is required");
		Assert.notNull(warnBytes, "ingest.spool.warn-bytes is required");
	}

}
