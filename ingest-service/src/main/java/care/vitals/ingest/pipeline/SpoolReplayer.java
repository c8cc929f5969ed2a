package care.vitals.ingest.pipeline;

import java.util.Optional;

import care.vitals.ingest.spool.Spool;
import care.vitals.ingest.spool.SpooledBatch;
import care.vitals.ingest.storage.WriteOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Replays spooled batches to InfluxDB in the order they were spooled, while new data
 * keeps flowing. Its writes are also the probe that tells the {@link DurableStore} that
 * InfluxDB is back.
 */
public class SpoolReplayer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SpoolReplayer.class);

	private final Spool spool;

	private final DurableStore store;

	private final BatchProperties properties;

	private final IngestMetrics metrics;

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
				Optional<SpooledBatch> next = this.spool.oldest();
				if (next.isEmpty()) {
					Thread.sleep(200);
					continue;
				}
				SpooledBatch batch = next.get();
				int lines = countLines(batch.lineProtocol());
				WriteOutcome outcome = this.store.write(batch.lineProtocol(), lines);
				if (outcome instanceof WriteOutcome.Retryable retry) {
					backoff.sleep(retry.retryAfter());
					continue;
				}
				backoff.reset();
				this.spool.commit(batch);
				this.metrics.replayed();
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

	private void sleepQuietly() {
		try {
			Thread.sleep(this.properties.maxBackoff().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int countLines(String lineProtocol) {
		int lines = 1;
		for (int i = 0; i < lineProtocol.length(); i++) {
			if (lineProtocol.charAt(i) == '\n') {
				lines++;
			}
		}
		return lines;
	}

}
