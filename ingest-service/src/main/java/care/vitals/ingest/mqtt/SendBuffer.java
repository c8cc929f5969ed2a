package care.vitals.ingest.mqtt;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The output of the ingest's {@code tcp://} sockets: gathers the packets Paho sends in
 * quick succession into one system call.
 * <p>
 * Paho 1.2.5 writes every packet and flushes it at once, so each PUBACK of a QoS 1
 * message is one {@code write} on its sender thread: under a burst 25,000 a second, each
 * a few bytes, when the writer acknowledges a stored batch of hundreds at once. Here a
 * flush that comes less than {@link #LINGER_NANOS} after the previous one that went out
 * is deferred: the connection's flusher thread sends whatever has gathered by then, in
 * one write. A flush on a quiet connection (a ping, an alarm, the first acknowledgement
 * of a batch) goes out at once, so nothing waits unless packets are already flowing, and
 * then for less than a millisecond. Bytes keep their order; nothing is dropped:
 * {@link #close} sends what is left first, and a write that failed on the flusher thread
 * fails Paho's next write or flush, as it would have failed there.
 * <p>
 * An acknowledgement still leaves only after its message is durable (the writer calls
 * Paho, Paho queues the PUBACK, its sender writes it here); if the process dies with
 * PUBACKs gathered, the broker sends those messages again (at-least-once, stored twice
 * idempotently), as for any acknowledgement lost on the way.
 */
final class SendBuffer extends OutputStream {

	/** How long a flush behind another waits for more packets. */
	static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	/** Bytes gathered at most before they are written regardless. */
	static final int CAPACITY = 16 * 1024;

	private final OutputStream socket;

	private final String name;

	private final long lingerNanos;

	private final byte[] buffer = new byte[CAPACITY];

	private int count;

	/** When bytes last went out (System.nanoTime), or long ago. */
	private long lastFlush;

	/** Whether a flush is deferred to the flusher thread. */
	private boolean pending;

	private volatile boolean closed;

	/** What the flusher thread's last write threw, for Paho's next call. */
	private IOException failure;

	private Thread flusher;

	/**
	 * @param socket the socket's own output stream
	 * @param name the flusher thread's name
	 */
	SendBuffer(OutputStream socket, String name) {
		this(socket, name, LINGER_NANOS);
	}

	/**
	 * @param socket the socket's own output stream
	 * @param name the flusher thread's name
	 * @param lingerNanos how long a flush behind another waits (tests)
	 */
	SendBuffer(OutputStream socket, String name, long lingerNanos) {
		this.socket = socket;
		this.name = name;
		this.lingerNanos = lingerNanos;
		this.lastFlush = System.nanoTime() - lingerNanos;
	}

	@Override
	public synchronized void write(int b) throws IOException {
		usable();
		if (this.count == CAPACITY) {
			drain();
		}
		this.buffer[this.count++] = (byte) b;
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
		usable();
		if (length > CAPACITY - this.count) {
			drain();
		}
		if (length >= CAPACITY) {
			this.socket.write(bytes, offset, length);
			return;
		}
		System.arraycopy(bytes, offset, this.buffer, this.count, length);
		this.count += length;
	}

	/**
	 * Sends now if nothing went out in the last linger ({@link #LINGER_NANOS}), else
	 * leaves it to the flusher thread (once per linger, however many packets gather).
	 */
	@Override
	public synchronized void flush() throws IOException {
		usable();
		if (this.pending) {
			return;
		}
		long now = System.nanoTime();
		if (now - this.lastFlush >= this.lingerNanos) {
			send(now);
			return;
		}
		this.pending = true;
		if (this.flusher == null) {
			Thread thread = new Thread(this::lingerLoop, this.name);
			thread.setDaemon(true);
			thread.start();
			this.flusher = thread;
		}
		else {
			notifyAll();
		}
	}

	/** Sends what is gathered, then closes the socket's stream. */
	@Override
	public void close() throws IOException {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			notifyAll();
			if (this.flusher != null) {
				// out of its linger at once: it ends
				LockSupport.unpark(this.flusher);
			}
			try {
				if (this.failure == null) {
					drain();
					this.socket.flush();
				}
			}
			finally {
				this.socket.close();
			}
		}
	}

	/**
	 * Sends what is gathered and closes, on a thread of its own, waiting for it at most
	 * {@code wait}. A write stuck on a peer that no longer reads (a hung broker) holds
	 * this buffer; closing the socket is what ends such a write, so the socket's close
	 * must not wait for it longer than that.
	 * @param wait how long to wait for what is gathered to go out
	 */
	void closeWithin(Duration wait) {
		if (this.closed) {
			return;
		}
		Thread closer = new Thread(() -> {
			try {
				close();
			}
			catch (IOException ex) {
				// the connection is gone, what was gathered with it: the broker
				// sends again what it has no acknowledgement for
			}
		}, this.name + "-close");
		closer.setDaemon(true);
		closer.start();
		try {
			closer.join(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether a deferred flush is waiting (tests). */
	synchronized boolean isPending() {
		return this.pending;
	}

	private void lingerLoop() {
		while (true) {
			synchronized (this) {
				while (!this.pending && !this.closed) {
					try {
						wait();
					}
					catch (InterruptedException ex) {
						// only close ends the thread: a deferred flush must not be left
						// behind
					}
				}
				if (this.closed) {
					return;
				}
			}
			LockSupport.parkNanos(this.lingerNanos);
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.pending = false;
				try {
					send(System.nanoTime());
				}
				catch (IOException ex) {
					this.failure = ex;
				}
			}
		}
	}

	private void send(long now) throws IOException {
		drain();
		this.socket.flush();
		this.lastFlush = now;
	}

	private void drain() throws IOException {
		if (this.count > 0) {
			int length = this.count;
			this.count = 0;
			this.socket.write(this.buffer, 0, length);
		}
	}

	private void usable() throws IOException {
		if (this.closed) {
			throw new IOException("Socket output closed");
		}
		if (this.failure != null) {
			throw this.failure;
		}
	}

}
