package care.vitals.ingest.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The pipeline's Micrometer meters, in one place so their names stay consistent with the
 * Grafana dashboards ({@code ingest_*} in InfluxDB).
 */
@Component
public class IngestMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> received = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	private final Counter linesWritten;

	private final Counter acked;

	private final Counter spooled;

	private final Counter replayed;

	private final Counter spoolFull;

	private final Counter deadLettersLost;

	private final Counter writeFailures;

	private final Counter acksDropped;

	private final DistributionSummary batchLines;

	private final Timer writeLatency;

	private final Timer lag;

	public IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.linesWritten = Counter.builder("ingest.lines.written")
			.description("Line-protocol lines accepted by InfluxDB (live and replayed)")
			.register(registry);
		this.acked = Counter.builder("ingest.messages.acked")
			.description("Messages acknowledged to the broker after being made durable")
			.register(registry);
		this.spooled = Counter.builder("ingest.spool.appended")
			.description("Batches appended to the disk spool")
			.register(registry);
		this.replayed = Counter.builder("ingest.spool.replayed")
			.description("Spooled batches written to InfluxDB")
			.register(registry);
		this.spoolFull = Counter.builder("ingest.spool.full")
			.description("Times a batch could not be spooled because the disk budget was used up")
			.register(registry);
		this.deadLettersLost = Counter.builder("ingest.deadletter.unstorable")
			.description("Dead-letter records InfluxDB refused too (logged instead)")
			.register(registry);
		this.writeFailures = Counter.builder("ingest.write.failures")
			.description("Batches that failed with an unexpected error and were retried")
			.register(registry);
		this.acksDropped = Counter.builder("ingest.acks.dropped")
			.description("Acknowledgments not sent because the broker connection was down (redelivered)")
			.register(registry);
		this.batchLines = DistributionSummary.builder("ingest.batch.lines")
			.description("Lines per batch written")
			.register(registry);
		this.writeLatency = Timer.builder("ingest.write.latency")
			.description("Duration of one InfluxDB write request")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.lag = Timer.builder("ingest.lag")
			.description("Device timestamp to durable storage")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	public void received(String kind) {
		this.received
			.computeIfAbsent(kind,
					(k) -> Counter.builder("ingest.messages.received")
						.tag("kind", k)
						.description("Messages received from the broker")
						.register(this.registry))
			.increment();
	}

	public void rejected(String reason) {
		this.rejected
			.computeIfAbsent(reason,
					(r) -> Counter.builder("ingest.messages.rejected")
						.tag("reason", r)
						.description("Messages dead-lettered, by reason")
						.register(this.registry))
			.increment();
	}

	void written(int lines, Duration latency) {
		this.linesWritten.increment(lines);
		this.writeLatency.record(latency);
	}

	void batch(int lines) {
		this.batchLines.record(lines);
	}

	void acked(int messages) {
		this.acked.increment(messages);
	}

	void spooled() {
		this.spooled.increment();
	}

	void replayed() {
		this.replayed.increment();
	}

	void spoolFull() {
		this.spoolFull.increment();
	}

	public void ackDropped() {
		this.acksDropped.increment();
	}

	void writeFailed() {
		this.writeFailures.increment();
	}

	void deadLetterUnstorable() {
		this.deadLettersLost.increment();
	}

	void lag(Instant deviceTime, Instant durableAt) {
		if (deviceTime != null) {
			Duration delay = Duration.between(deviceTime, durableAt);
			if (!delay.isNegative()) {
				this.lag.record(delay);
			}
		}
	}

	public MeterRegistry registry() {
		return this.registry;
	}

}
