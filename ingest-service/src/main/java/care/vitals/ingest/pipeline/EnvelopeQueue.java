package care.vitals.ingest.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The writer's queue, bounded twice: by messages and by the characters of their line
 * protocol (large messages stop the MQTT callback before they fill the heap). Putting
 * waits for room: back-pressure to the broker, never loss. Each message is taken with the
 * time it was queued (the writer's {@code max-delay} counts from there).
 */
final class EnvelopeQueue {

	/**
	 * A message taken from the queue.
	 *
	 * @param envelope the message
	 * @param queuedAt when it was queued ({@link System#nanoTime()})
	 */
	record Queued(Envelope envelope, long queuedAt) {

	}

	private final BlockingQueue<Queued> queue;

	/** Characters of line protocol the queue may still take (one permit per char). */
	private final Semaphore room;

	private final int capacityChars;

	EnvelopeQueue(int messages, int chars) {
		this.queue = new ArrayBlockingQueue<>(messages);
		this.capacityChars = chars;
		this.room = new Semaphore(chars);
	}

	/** Adds a message; waits while the queue is full by either bound. */
	void put(Envelope envelope) throws InterruptedException {
		this.room.acquire(permits(envelope));
		try {
			this.queue.put(new Queued(envelope, System.nanoTime()));
		}
		catch (InterruptedException ex) {
			this.room.release(permits(envelope));
			throw ex;
		}
	}

	/** The next message, waiting up to {@code nanos}; null if none came. */
	Queued poll(long nanos) throws InterruptedException {
		return taken((nanos > 0) ? this.queue.poll(nanos, TimeUnit.NANOSECONDS) : this.queue.poll());
	}

	int size() {
		return this.queue.size();
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	private Queued taken(Queued queued) {
		if (queued != null) {
			this.room.release(permits(queued.envelope()));
		}
		return queued;
	}

	/**
	 * Permits an envelope takes: its characters, capped so that one larger than the whole
	 * budget still passes once the queue is empty.
	 */
	private int permits(Envelope envelope) {
		long chars = 0;
		for (String line : envelope.lines()) {
			chars += line.length() + 1;
		}
		return (int) Math.min(chars, this.capacityChars);
	}

}
