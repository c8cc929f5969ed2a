package care.vitals.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import care.vitals.ingest.spool.Spool;
import care.vitals.ingest.storage.Batch;
import care.vitals.ingest.storage.LineProtocolWriter;
import care.vitals.ingest.storage.RejectedLines;
import care.vitals.ingest.storage.WriteOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Makes a batch durable: written to InfluxDB, or else appended to the disk spool.
 * <p>
 * A batch InfluxDB refuses as bad data (400/422) is split in halves until the refused
 * lines are isolated; those become dead letters and the rest is written. While InfluxDB
 * is unavailable, batches go straight to the spool (the {@link SpoolReplayer} probes and
 * brings the store back). When the spool's disk budget is used up, {@link #persist} keeps
 * trying both and does not return, so nothing is acknowledged and the broker holds the
 * messages: back-pressure instead of loss.
 */
public class DurableStore {

	private static final Log logger = LogFactory.getLog(DurableStore.class);

	private final LineProtocolWriter writer;

	private final Spool spool;

	private final BatchProperties properties;

	private final IngestMetrics metrics;

	private final DeadLetterSink deadLetters;

	private final Clock clock;

	private final AtomicBoolean influxAvailable = new AtomicBoolean(true);

	public DurableStore(LineProtocolWriter writer, Spool spool, BatchProperties properties, IngestMetrics metrics,
			DeadLetterSink deadLetters, Clock clock) {
		this.writer = writer;
		this.spool = spool;
		this.properties = properties;
		this.metrics = metrics;
		this.deadLetters = deadLetters;
		this.clock = clock;
	}

	/**
	 * Returns once the batch is in InfluxDB or in the spool; blocks while neither can
	 * take it.
	 */
	public void persist(Batch batch) throws InterruptedException {
		Backoff backoff = new Backoff(this.properties.initialBackoff(), this.properties.maxBackoff());
		if (this.influxAvailable.get()) {
			for (int attempt = 1; attempt <= this.properties.attemptsBeforeSpool(); attempt++) {
				WriteOutcome outcome = write(batch);
				if (!(outcome instanceof WriteOutcome.Retryable retry)) {
					return;
				}
				if (attempt == this.properties.attemptsBeforeSpool()) {
					markUnavailable(retry.reason());
				}
				else {
					backoff.sleep(retry.retryAfter());
				}
			}
		}
		batch.gzip(); // compressed here, not under the spool's lock
		while (!this.spool.append(batch)) {
			this.metrics.spoolFull();
			logger.warn("Spool budget of " + this.spool.budget() + " bytes used up: holding acks until InfluxDB "
					+ "or the spool can take the batch");
			backoff.sleep(null);
			if (write(batch) instanceof WriteOutcome.Written) {
				return;
			}
		}
		this.metrics.spooled();
	}

	/**
	 * Writes once, isolating lines InfluxDB refuses. Returns {@link WriteOutcome.Written}
	 * once every line is either stored or dead-lettered, or the
	 * {@link WriteOutcome.Retryable} that stopped it (lines written before that are
	 * written again later: writes are idempotent).
	 */
	WriteOutcome write(Batch batch) {
		long start = System.nanoTime();
		WriteOutcome outcome = this.writer.write(batch);
		if (outcome instanceof WriteOutcome.Written) {
			this.metrics.written(batch.lines(), Duration.ofNanos(System.nanoTime() - start));
			markAvailable();
			return outcome;
		}
		if (outcome instanceof WriteOutcome.Rejected rejected) {
			markAvailable();
			return isolate(batch, rejected);
		}
		return outcome;
	}

	boolean influxAvailable() {
		return this.influxAvailable.get();
	}

	private WriteOutcome isolate(Batch batch, WriteOutcome.Rejected rejected) {
		String lineProtocol = batch.lineProtocol();
		List<String> all = Arrays.asList(lineProtocol.split("\n"));
		if (all.size() == 1) {
			return deadLetter(lineProtocol, rejected);
		}
		int half = all.size() / 2;
		for (List<String> part : List.of(all.subList(0, half), all.subList(half, all.size()))) {
			WriteOutcome outcome = write(Batch.of(String.join("\n", part), part.size()));
			if (outcome instanceof WriteOutcome.Retryable) {
				return outcome;
			}
		}
		return new WriteOutcome.Written();
	}

	private WriteOutcome deadLetter(String line, WriteOutcome.Rejected rejected) {
		String reason = "influx_rejected";
		String detail = "InfluxDB " + rejected.status() + ": " + rejected.message();
		byte[] payload = line.getBytes(StandardCharsets.UTF_8);
		String record = RejectedLines.line(reason, null, "", detail, payload, Instant.now(this.clock));
		WriteOutcome outcome = this.writer.write(Batch.of(record, 1));
		if (outcome instanceof WriteOutcome.Retryable) {
			return outcome;
		}
		if (outcome instanceof WriteOutcome.Rejected) {
			this.metrics.deadLetterUnstorable();
			logger.error("InfluxDB refused the line " + line + " (" + detail + ") and its dead-letter record");
		}
		this.metrics.rejected(reason);
		this.deadLetters.publish(new DeadLetter(reason, detail, "", payload));
		return new WriteOutcome.Written();
	}

	private void markUnavailable(String reason) {
		if (this.influxAvailable.compareAndSet(true, false)) {
			logger.warn(this.writer.describe() + " unavailable (" + reason + "): spooling to disk");
		}
	}

	private void markAvailable() {
		if (this.influxAvailable.compareAndSet(false, true)) {
			logger.info(this.writer.describe() + " available again: writing directly");
		}
	}

}
