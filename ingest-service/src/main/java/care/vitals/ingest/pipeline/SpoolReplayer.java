package care.vitals.ingest.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import care.vitals.ingest.spool.Spool;
import care.vitals.ingest.spool.SpooledBatch;
import care.vitals.ingest.storage.WriteOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Replays spooled batches to InfluxDB in the order they were spooled (up to
 * {@value #PARALLEL_WRITES} at once, committed in order), while new data keeps flowing.
 * Its writes are also the probe that tells the {@link DurableStore} that InfluxDB is
 * back.
 */
public class SpoolReplayer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SpoolReplayer.class);

	private final Spool spool;

	private final DurableStore store;

	private final BatchProperties properties;

	private final IngestMetrics metrics;

	/** Spooled batches written at once while catching up. */
	static final int PARALLEL_WRITES = 3;

	private final ExecutorService writers = Executors.newFixedThreadPool(PARALLEL_WRITES, (task) -> {
		Thread thread = new Thread(task, "spool-replay-writer");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Thread thread;

	private volatile boolean running;

	public SpoolReplayer(Spool spool, DurableStore store, BatchProperties properties, IngestMetrics metrics) {
		this.spool = spool;
		this.store = store;
		this.properties = properties;
		this.metrics = metrics;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "spool-replayer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread replayer = this.thread;
		this.writers.shutdownNow();
		if (replayer != null) {
			replayer.interrupt();
			try {
				replayer.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 3000;
	}

	private void run() {
		Backoff backoff = new Backoff(this.properties.initialBackoff(), this.properties.maxBackoff());
		while (this.running) {
			try {
				List<SpooledBatch> next = this.spool.oldest(PARALLEL_WRITES);
				if (next.isEmpty()) {
					Thread.sleep(200);
					continue;
				}
				WriteOutcome.Retryable failure = replay(next);
				if (failure != null) {
					backoff.sleep(failure.retryAfter());
					continue;
				}
				backoff.reset();
				if (this.spool.batches() == 0) {
					logger.info("Spool replayed completely");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Spool replay failed; retrying", ex);
				sleepQuietly();
			}
		}
	}

	/**
	 * Writes the batches concurrently (InfluxDB parses each request on its own core),
	 * then commits them in order up to the first that failed; that one and the rest are
	 * replayed again (idempotent).
	 */
	private WriteOutcome.Retryable replay(List<SpooledBatch> batches) throws InterruptedException {
		List<Future<WriteOutcome>> outcomes = new ArrayList<>();
		for (SpooledBatch batch : batches) {
			outcomes.add(this.writers.submit(() -> this.store.write(batch.batch())));
		}
		WriteOutcome.Retryable failure = null;
		for (int i = 0; i < batches.size(); i++) {
			WriteOutcome outcome = result(outcomes.get(i));
			if (failure == null && outcome instanceof WriteOutcome.Retryable retry) {
				failure = retry;
			}
			if (failure == null) {
				this.spool.commit(batches.get(i));
				this.metrics.replayed();
			}
		}
		return failure;
	}

	private static WriteOutcome result(Future<WriteOutcome> outcome) throws InterruptedException {
		try {
			return outcome.get();
		}
		catch (ExecutionException ex) {
			return new WriteOutcome.Retryable(String.valueOf(ex.getCause()), null);
		}
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(this.properties.maxBackoff().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
