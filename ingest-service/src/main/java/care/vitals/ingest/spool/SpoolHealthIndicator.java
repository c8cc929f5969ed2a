package care.vitals.ingest.spool;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Spool depth: UP while empty or small, UP with a warning past {@code warn-bytes}, and
 * OUT_OF_SERVICE once the disk budget is nearly used up (the ingest is about to stop
 * acknowledging). Also publishes the depth as gauges.
 */
@Component
class SpoolHealthIndicator implements HealthIndicator {

	private final Spool spool;

	private final SpoolProperties properties;

	SpoolHealthIndicator(Spool spool, SpoolProperties properties, MeterRegistry registry) {
		this.spool = spool;
		this.properties = properties;
		Gauge.builder("ingest.spool.bytes", spool, Spool::bytes)
			.description("Bytes held in the disk spool")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("ingest.spool.batches", spool, Spool::batches)
			.description("Batches waiting in the disk spool")
			.register(registry);
	}

	@Override
	public Health health() {
		long bytes = this.spool.bytes();
		long budget = this.spool.budget();
		Health.Builder health;
		if (bytes >= budget * 0.95) {
			health = Health.status(Status.OUT_OF_SERVICE).withDetail("warning", "spool budget nearly used up");
		}
		else if (bytes >= this.properties.warnBytes().toBytes()) {
			health = Health.up().withDetail("warning", "spool growing: InfluxDB slow or down");
		}
		else {
			health = Health.up();
		}
		return health.withDetail("bytes", bytes)
			.withDetail("batches", this.spool.batches())
			.withDetail("budget", budget)
			.withDetail("discardedTornBytes", this.spool.discardedBytes())
			.build();
	}

}
