package care.vitals.ingest.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered and whose output gathers packets sent in
 * quick succession ({@link SendBuffer}), for Paho's {@code tcp://} connections.
 * <p>
 * Paho 1.2.5 reads every packet straight from the socket: the fixed header one byte at a
 * time, then the rest, and asks {@code available()} before each packet, so each message
 * costs three to five system calls on the receiver thread (a third of a core at 25,000
 * msg/s in the drain benchmark). Behind this buffer one {@code read} takes up to 64 KiB
 * of whatever the broker has sent. Nothing else changes: a read that times out (Paho sets
 * a 1-s socket timeout) leaves the buffer as it was, as it left the socket.
 * {@code ssl://} needs no such help (the TLS socket decrypts whole records into its own
 * buffer) and cannot have it (Paho's TLS module needs its own socket class): use
 * {@link #forUrl(String)}.
 */
final class BufferedSocketFactory extends SocketFactory {

	/** Bytes read from the socket at once at most. */
	static final int BUFFER = 64 * 1024;

	/**
	 * @param url the broker URL
	 * @return the factory for a {@code tcp://} URL, {@code null} (Paho's default) for any
	 * other
	 */
	static SocketFactory forUrl(String url) {
		return url.regionMatches(true, 0, "tcp://", 0, 6) ? new BufferedSocketFactory() : null;
	}

	/** How long closing a socket waits for what its output has gathered to go out. */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

	/** How long a flush behind another waits for more packets ({@link SendBuffer}). */
	private final long lingerNanos;

	BufferedSocketFactory() {
		this(SendBuffer.LINGER_NANOS);
	}

	/**
	 * @param lingerNanos how long a flush behind another waits (tests)
	 */
	BufferedSocketFactory(long lingerNanos) {
		this.lingerNanos = lingerNanos;
	}

	@Override
	public Socket createSocket() {
		return new BufferedSocket(this.lingerNanos);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
	}

	private Socket connected(InetSocketAddress address) throws IOException {
		return connected(address, null);
	}

	/**
	 * @param local the local address to bind first, or {@code null} for any
	 */
	private Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
		Socket socket = new BufferedSocket(this.lingerNanos);
		if (local != null) {
			socket.bind(local);
		}
		socket.connect(address);
		return socket;
	}

	/**
	 * A plain socket that hands out one buffered input stream and one gathering output
	 * stream ({@link SendBuffer}), and sends what is gathered before it closes.
	 */
	static final class BufferedSocket extends Socket {

		private InputStream input;

		private SendBuffer output;

		private final long lingerNanos;

		BufferedSocket(long lingerNanos) {
			this.lingerNanos = lingerNanos;
		}

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (this.input == null) {
				this.input = new ReceiveBuffer(super.getInputStream());
			}
			return this.input;
		}

		@Override
		public synchronized OutputStream getOutputStream() throws IOException {
			if (this.output == null) {
				this.output = new SendBuffer(super.getOutputStream(), "mqtt-send-" + getLocalPort(), this.lingerNanos);
			}
			return this.output;
		}

		/**
		 * Sends what is gathered (waiting at most {@link #CLOSE_WAIT} for it), then
		 * closes, which also ends a write stuck on a peer that no longer reads.
		 */
		@Override
		public void close() throws IOException {
			SendBuffer gathered;
			synchronized (this) {
				gathered = this.output;
			}
			if (gathered != null && !isClosed()) {
				gathered.closeWithin(CLOSE_WAIT);
			}
			super.close();
		}

	}

	/**
	 * The buffer: {@code available()} answers from what it holds before asking the socket
	 * (Paho asks before every packet).
	 */
	static final class ReceiveBuffer extends BufferedInputStream {

		ReceiveBuffer(InputStream in) {
			super(in, BUFFER);
		}

		@Override
		public synchronized int available() throws IOException {
			int buffered = this.count - this.pos;
			return (buffered > 0) ? buffered : super.available();
		}

	}

}
