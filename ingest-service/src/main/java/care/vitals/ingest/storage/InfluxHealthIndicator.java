package care.vitals.ingest.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether InfluxDB answers its ping and accepts writes to the configured database or
 * bucket: DOWN with the reason when it answers but refuses them (HTTP 401, 403, 404:
 * wrong credentials, no write permission, database or bucket missing), as after the run
 * without Docker against a database nobody created. Not part of readiness: while InfluxDB
 * is down or refuses, the ingest keeps accepting data into its spool and replays it once
 * InfluxDB accepts it.
 */
@Component
class InfluxHealthIndicator implements HealthIndicator {

	private final LineProtocolWriter writer;

	InfluxHealthIndicator(LineProtocolWriter writer) {
		this.writer = writer;
	}

	@Override
	public Health health() {
		if (!this.writer.ping()) {
			return Health.down()
				.withDetail("target", this.writer.describe())
				.withDetail("reason", "InfluxDB does not answer its ping; readings are spooled")
				.build();
		}
		String refusal = this.writer.refusal();
		if (refusal != null) {
			return Health.down()
				.withDetail("target", this.writer.describe())
				.withDetail("reason",
						"InfluxDB answers but refuses writes (" + refusal
								+ "); readings are spooled until it accepts them: check the database or bucket and the"
								+ " credentials (docs/operations.md)")
				.build();
		}
		return Health.up().withDetail("target", this.writer.describe()).build();
	}

}
