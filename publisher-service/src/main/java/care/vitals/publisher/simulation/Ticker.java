package care.vitals.publisher.simulation;

import java.time.Duration;

/**
 * The source of ticks that drives simulations: real time in production, a virtual clock
 * in tests (which run a scenario timeline as fast as the machine allows).
 */
public interface Ticker {

	/**
	 * Runs a task periodically; runs of one task never overlap, and a run that comes late
	 * is followed by catch-up runs (fixed rate).
	 * @param initialDelay delay of the first run
	 * @param period time between runs
	 * @param task the task
	 * @return a handle to cancel it
	 */
	Cancellable schedule(Duration initialDelay, Duration period, Runnable task);

	/**
	 * A scheduled task.
	 */
	interface Cancellable {

		/**
		 * Cancels future runs; a run in progress completes.
		 */
		void cancel();

	}

}
