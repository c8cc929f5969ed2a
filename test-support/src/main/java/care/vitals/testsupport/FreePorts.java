package care.vitals.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Picks free TCP ports on the loopback interface by binding sockets on port 0 and closing
 * them again. Racy by nature: another process may take a port before the server binds it,
 * which {@link ServerProcess#start()} handles by retrying the first start on new ports.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Returns distinct free ports; all sockets are held open together so the numbers
	 * differ.
	 * @param count how many ports
	 * @return the port numbers
	 */
	static int[] allocate(int count) {
		ServerSocket[] sockets = new ServerSocket[count];
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ports[i] = sockets[i].getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				closeQuietly(socket);
			}
		}
	}

	/**
	 * One free port, for a process a test starts itself.
	 * @return the port number
	 */
	public static int one() {
		return allocate(1)[0];
	}

	/**
	 * Whether something accepts connections on a loopback port.
	 * @param port the port
	 * @return {@code true} if a connection to {@code 127.0.0.1:port} succeeds
	 */
	public static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void closeQuietly(ServerSocket socket) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// the port is released either way
			}
		}
	}

}
