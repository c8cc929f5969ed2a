package care.vitals.publisher.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Ticker} on a virtual clock: nothing runs until {@link #advance(Duration)},
 * which runs every due task in time order on the calling thread, so a scenario timeline
 * runs as fast as the machine allows and always in the same order.
 */
final class VirtualTicker implements Ticker {

	private final List<Task> tasks = new ArrayList<>();

	private long now;

	@Override
	public synchronized Cancellable schedule(Duration initialDelay, Duration period, Runnable runnable) {
		Task task = new Task(this.now + initialDelay.toNanos(), period.toNanos(), runnable, this.tasks.size());
		this.tasks.add(task);
		return () -> task.cancelled = true;
	}

	void advance(Duration duration) {
		long end = this.now + duration.toNanos();
		while (true) {
			Task next;
			synchronized (this) {
				next = this.tasks.stream()
					.filter((task) -> !task.cancelled && task.due <= end)
					.min(Comparator.comparingLong((Task task) -> task.due).thenComparingInt((task) -> task.order))
					.orElse(null);
				if (next == null) {
					this.now = end;
					return;
				}
				this.now = next.due;
				next.due += next.period;
			}
			next.runnable.run();
		}
	}

	private static final class Task {

		private long due;

		private final long period;

		private final Runnable runnable;

		private final int order;

		private volatile boolean cancelled;

		Task(long due, long period, Runnable runnable, int order) {
			this.due = due;
			this.period = period;
			this.runnable = runnable;
			this.order = order;
		}

	}

}
