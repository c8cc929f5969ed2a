package care.vitals.ingest.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered, for Paho's {@code tcp://} connections.
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

	@Override
	public Socket createSocket() {
		return new BufferedSocket();
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

	private static Socket connected(InetSocketAddress address) throws IOException {
		return connected(address, null);
	}

	/**
	 * @param local the local address to bind first, or {@code null} for any
	 */
	private static Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
		Socket socket = new BufferedSocket();
		if (local != null) {
			socket.bind(local);
		}
		socket.connect(address);
		return socket;
	}

	/** A plain socket that hands out one buffered input stream. */
	static final class BufferedSocket extends Socket {

		private InputStream input;

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (this.input == null) {
				this.input = new ReceiveBuffer(super.getInputStream());
			}
			return this.input;
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
