package care.vitals.ingest.clinical;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The clinical engine's settings. Alarm limits, delays and freshness windows are the
 * documented defaults of {@code AlarmRules} and {@code FreshnessWindows}
 * (docs/clinical.md), changed per patient through the admin API.
 *
 * @param enabled whether NEWS2 and alarms are computed
 * @param tick how often delays and no-data timeouts are evaluated
 * @param republish how often the retained alarm state of every occupied bed is
 * republished and active alarms rewritten (so dashboards with short look-backs still see
 * them)
 */
@ConfigurationProperties("ingest.clinical")
public record ClinicalProperties(boolean enabled, Duration tick, Duration republish) {

	public ClinicalProperties {
		Assert.notNull(tick, "ingest.clinical.tick is required");
		Assert.notNull(republish, "ingest.clinical.republish is required");
	}

}
