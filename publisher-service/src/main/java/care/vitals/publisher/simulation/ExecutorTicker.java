package care.vitals.publisher.simulation;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link Ticker} in real time on a scheduled thread pool.
 */
final class ExecutorTicker implements Ticker {

	private static final Log logger = LogFactory.getLog(ExecutorTicker.class);

	private final ScheduledExecutorService executor;

	ExecutorTicker(ScheduledExecutorService executor) {
		this.executor = executor;
	}

	@Override
	public Cancellable schedule(Duration initialDelay, Duration period, Runnable task) {
		ScheduledFuture<?> future = this.executor.scheduleAtFixedRate(() -> runSafely(task), initialDelay.toNanos(),
				period.toNanos(), TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

	private static void runSafely(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			// An exception would cancel the periodic task and silently end the
			// simulation.
			logger.error("simulation tick failed", ex);
		}
	}

}
