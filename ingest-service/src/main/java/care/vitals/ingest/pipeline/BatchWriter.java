package care.vitals.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import care.vitals.ingest.storage.Batch;
import care.vitals.ingest.storage.RejectedLines;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The single writer between the MQTT callback and InfluxDB.
 * <p>
 * The MQTT callback thread only decodes and {@link #submit submits}; this thread takes
 * messages from a bounded queue, batches them by size and time, makes each batch durable
 * through the {@link DurableStore}, and only then acknowledges its messages, in the order
 * they were received. When the queue is full, {@link #submit} waits, the callback stops
 * reading, and the broker's in-flight window throttles the devices' data upstream. The
 * queue is bounded twice: by messages and by the size of their line protocol.
 */
public class BatchWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(BatchWriter.class);

	/** Attempts at a batch before its messages are tried one by one. */
	static final int ATTEMPTS = 3;

	/** The longest nap between messages while a batch fills ({@link #fill}). */
	static final long FILL_NAP_NANOS = 1_000_000;

	/** Reason of a message the writer failed on alone. */
	static final String WRITE_FAILED = "write_failed";

	private final EnvelopeQueue queue;

	/** Unacknowledged messages the broker sends on one connection at most. */
	private final int window;

	private final DurableStore store;

	private final DeadLetterSink deadLetters;

	private final BatchProperties properties;

	private final IngestMetrics metrics;

	private final Clock clock;

	private volatile Thread thread;

	private volatile boolean running;

	public BatchWriter(DurableStore store, DeadLetterSink deadLetters, BatchProperties properties,
			IngestMetrics metrics, Clock clock) {
		this(store, deadLetters, properties, metrics, clock, Integer.MAX_VALUE);
	}

	/**
	 * A writer for messages that arrive on connections with an in-flight window.
	 * @param window the most unacknowledged messages the broker sends on one connection
	 * (the MQTT 5 Receive Maximum the ingest declares): a batch holding that many waits
	 * for nothing more, it is written at once
	 */
	public BatchWriter(DurableStore store, DeadLetterSink deadLetters, BatchProperties properties,
			IngestMetrics metrics, Clock clock, int window) {
		this.window = window;
		this.queue = new EnvelopeQueue(properties.queueCapacity(), (int) properties.queueBytes().toBytes());
		this.store = store;
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Hands lines that need no acknowledgement (clinical output, technical alarms) to the
	 * writer; nothing for none. Interrupted (shutting down), they are not stored and the
	 * interrupt is kept for the caller's thread.
	 * @param lines the lines
	 */
	public void store(List<String> lines) {
		if (lines.isEmpty()) {
			return;
		}
		try {
			submit(new Envelope(lines, null, null, null));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Hands a message to the writer; waits while the queue is full (back-pressure). */
	public void submit(Envelope envelope) throws InterruptedException {
		this.queue.put(envelope);
	}

	public int queued() {
		return this.queue.size();
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "influx-writer");
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread writer = this.thread;
		if (writer != null) {
			try {
				writer.join(this.properties.maxBackoff().toMillis() * 2 + 5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			writer.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stop after the MQTT adapter (so no new messages arrive) and before the spool. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2000;
	}

	/**
	 * Takes, batches and flushes until stopped and drained. A batch that fails with an
	 * unexpected exception is never dropped (the broker redelivers an unacknowledged
	 * message only after a reconnect, so it would wait there while newer data flows): it
	 * is flushed again after a back-off, and after {@value #ATTEMPTS} failures its
	 * messages are flushed one by one, so that one message that cannot be written becomes
	 * a dead letter ({@value #WRITE_FAILED}) instead of stopping every patient's data. If
	 * not even a dead letter can be stored, nothing can: the writer keeps retrying and
	 * acknowledges nothing.
	 */
	private void run() {
		List<Envelope> batch = new ArrayList<>();
		while (this.running || !this.queue.isEmpty()) {
			try {
				EnvelopeQueue.Queued first = this.queue.poll(TimeUnit.MILLISECONDS.toNanos(100));
				if (first == null) {
					continue;
				}
				batch.add(first.envelope());
				fill(batch, first.envelope().lines().size(), first.queuedAt());
				if (!flushWithRetries(batch)) {
					for (Envelope envelope : batch) {
						if (!flushWithRetries(List.of(envelope))) {
							deadLetter(envelope);
						}
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				logger.warn("Writer interrupted with " + (batch.size() + this.queue.size())
						+ " unacknowledged messages; the broker redelivers them");
				return;
			}
			finally {
				batch.clear();
			}
		}
	}

	/** Flushes, retrying an unexpected failure; false if it failed every time. */
	private boolean flushWithRetries(List<Envelope> batch) throws InterruptedException {
		Backoff backoff = new Backoff(this.properties.initialBackoff(), this.properties.maxBackoff());
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				flush(batch);
				return true;
			}
			catch (RuntimeException ex) {
				this.metrics.writeFailed();
				logger.error("Batch of " + batch.size() + " messages not stored, not acknowledged (attempt " + attempt
						+ " of " + ATTEMPTS + ")", ex);
				backoff.sleep(null);
			}
		}
		return false;
	}

	/** Stores what is known of a message that cannot be written, then acknowledges it. */
	private void deadLetter(Envelope envelope) throws InterruptedException {
		byte[] lines = String.join("\n", envelope.lines()).getBytes(StandardCharsets.UTF_8);
		String detail = "the writer failed " + ATTEMPTS + " times on this message alone";
		Envelope rejected = new Envelope(
				List.of(RejectedLines.line(WRITE_FAILED, null, "", detail, lines, Instant.now(this.clock))),
				envelope.ack(), new DeadLetter(WRITE_FAILED, detail, "", lines), null);
		this.metrics.rejected(WRITE_FAILED);
		while (!flushWithRetries(List.of(rejected))) {
			logger.error("Not even a dead letter can be stored; retrying");
		}
	}

	/**
	 * Adds what arrives until the batch's first message has waited {@code max-delay}
	 * since it was queued (not since the writer took it: one that waited through the
	 * previous write goes at once), up to {@code max-lines}; stops early once the batch
	 * holds a whole in-flight window of unacknowledged messages, since the broker sends
	 * no more before some are acknowledged. Between messages the writer naps (up to
	 * {@value #FILL_NAP_NANOS} ns) rather than being woken by each one handed over
	 * (docs/ingest.md, "Fewer wakes and lookups per message").
	 * @param queuedAt when the batch's first message was queued
	 * ({@link System#nanoTime()})
	 */
	private void fill(List<Envelope> batch, int lines, long queuedAt) throws InterruptedException {
		long deadline = queuedAt + this.properties.maxDelay().toNanos();
		int unacknowledged = (batch.get(0).ack() != null) ? 1 : 0;
		while (lines < this.properties.maxLines() && unacknowledged < this.window) {
			EnvelopeQueue.Queued queued = this.queue.poll(0);
			if (queued == null) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				LockSupport.parkNanos(Math.min(left, FILL_NAP_NANOS));
				if (Thread.interrupted()) {
					throw new InterruptedException();
				}
				continue;
			}
			Envelope next = queued.envelope();
			batch.add(next);
			lines += next.lines().size();
			if (next.ack() != null) {
				unacknowledged++;
			}
		}
	}

	private void flush(List<Envelope> batch) throws InterruptedException {
		int lines = 0;
		for (Envelope envelope : batch) {
			lines += envelope.lines().size();
		}
		if (lines > 0) {
			String[] all = new String[lines];
			int i = 0;
			for (Envelope envelope : batch) {
				for (String line : envelope.lines()) {
					all[i++] = line;
				}
			}
			this.metrics.batch(lines);
			// compressed a line at a time, never one text (Batch.of(String[]))
			this.store.persist(Batch.of(all));
		}
		// Durable: from here on nothing may throw, or the batch would be flushed and
		// acknowledged again (a second PUBACK could acknowledge a newer message that
		// reuses the packet id).
		Instant durableAt = Instant.now(this.clock);
		for (Envelope envelope : batch) {
			acknowledge(envelope);
			try {
				this.metrics.lag(envelope.deviceTime(), durableAt);
				if (envelope.deadLetter() != null) {
					this.deadLetters.publish(envelope.deadLetter());
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Lag metric or dead-letter republication failed for a stored message: " + ex);
			}
		}
		try {
			this.metrics.acked(batch.size());
		}
		catch (RuntimeException ex) {
			logger.warn("Ack metric failed: " + ex);
		}
	}

	private void acknowledge(Envelope envelope) {
		if (envelope.ack() == null) {
			return;
		}
		try {
			envelope.ack().acknowledge();
		}
		catch (RuntimeException ex) {
			// Connection lost since the message arrived: the broker redelivers it on
			// reconnect (persistent session) and the rewrite is idempotent.
			logger.debug("Acknowledgment failed; the broker will redeliver", ex);
		}
	}

}
