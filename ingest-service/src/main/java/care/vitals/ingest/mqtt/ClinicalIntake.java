package care.vitals.ingest.mqtt;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import care.vitals.ingest.inbound.Received;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.Envelope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The second thread of a session that evaluates: takes what the callback thread decoded,
 * attributed and turned into stored lines, runs its clinical evaluations, and hands the
 * result to the {@link BatchWriter}, one message after the other in receive order. So
 * decoding overlaps scoring, every patient's readings reach the engine in the order they
 * arrived, and the writer still acknowledges in receive order. A full queue makes the
 * callback thread wait (back-pressure up to the broker, as a full writer does).
 * <p>
 * An evaluation that throws (a defect, not bad input: that is rejected before) is logged
 * with its stack trace and the message is stored and acknowledged without its clinical
 * output, rather than held back (the broker would redeliver it only after a reconnect,
 * while newer data flows).
 */
final class ClinicalIntake implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClinicalIntake.class);

	/** Messages waiting between the two threads. */
	static final int CAPACITY = 1000;

	/**
	 * An idle thread naps this long, this many times, before it waits to be woken: the
	 * callback thread then queues without waking it (a futex wake and a context switch
	 * per message, about a tenth of the callback thread's CPU in the drain benchmark,
	 * issue #16), and a reading waits at most a nap longer. Idle for longer, it waits to
	 * be woken (no polling on a quiet ward). Four naps of 0.25 ms rather than ten of 0.1
	 * (until 2026-12-07): the same millisecond before it waits, and each nap is a timer
	 * and a context switch: the naps were a fifth of this thread's CPU at 20,000 msg/s,
	 * where the load comes in bursts.
	 */
	private static final long NAP_NANOS = 250_000;

	private static final int NAPS = 4;

	private final BlockingQueue<Received> queue = new ArrayBlockingQueue<>(CAPACITY);

	private final BatchWriter writer;

	private final String name;

	private volatile Thread thread;

	private volatile boolean running;

	/**
	 * @param writer where evaluated messages go
	 * @param name the thread's name
	 */
	ClinicalIntake(BatchWriter writer, String name) {
		this.writer = writer;
		this.name = name;
	}

	/**
	 * Queues a message for evaluation on the intake's thread; waits while the queue is
	 * full. A message handed before {@link #start} waits for the thread (none is: the
	 * inbound adapters connect in a later phase, see {@link #getPhase}).
	 */
	void hand(Received received) throws InterruptedException {
		this.queue.put(received);
	}

	@Override
	public void start() {
		this.running = true;
		Thread started = new Thread(this::run, this.name);
		started.setDaemon(true);
		started.start();
		this.thread = started;
	}

	/** Returns once everything queued is with the writer. */
	@Override
	public void stop() {
		this.running = false;
		Thread stopping = this.thread;
		if (stopping != null) {
			try {
				stopping.join(30_000);
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

	/**
	 * After the writer and the board (so they run when it does), before the inbound
	 * adapters (which connect last and disconnect first, so it drains what they
	 * received).
	 */
	@Override
	public int getPhase() {
		return MqttConfiguration.INBOUND_PHASE - 1;
	}

	private void run() {
		int naps = 0;
		while (this.running || !this.queue.isEmpty()) {
			try {
				Received next = this.queue.poll();
				if (next == null && naps < NAPS) {
					naps++;
					LockSupport.parkNanos(NAP_NANOS);
					continue;
				}
				if (next == null) {
					next = this.queue.poll(100, TimeUnit.MILLISECONDS);
				}
				if (next != null) {
					naps = 0;
					this.writer.submit(evaluated(next));
				}
			}
			catch (InterruptedException ex) {
				logger.warn("Clinical intake interrupted with " + this.queue.size()
						+ " unacknowledged messages; the broker redelivers them");
				return;
			}
		}
	}

	private static Envelope evaluated(Received received) {
		try {
			return received.evaluated();
		}
		catch (RuntimeException ex) {
			logger.error("Clinical evaluation failed; the message is stored without its clinical output", ex);
			return received.envelope();
		}
	}

}
