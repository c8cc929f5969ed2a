package care.vitals.ingest.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether InfluxDB answers its ping. Not part of readiness: while InfluxDB is down the
 * ingest keeps accepting data into its spool.
 */
@Component
class InfluxHealthIndicator implements HealthIndicator {

	private final LineProtocolWriter writer;

	InfluxHealthIndicator(LineProtocolWriter writer) {
		this.writer = writer;
	}

	@Override
	public Health health() {
		Health.Builder health = this.writer.ping() ? Health.up() : Health.down();
		return health.withDetail("target", this.writer.describe()).build();
	}

}
