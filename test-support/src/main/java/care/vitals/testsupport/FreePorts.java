package care.vitals.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free TCP ports on the loopback interface by binding sockets on port 0 and closing
 * them again. Racy by nature: another process may take a port before the server binds it,
 * which {@link ServerProcess#start()} handles by retrying the first start on new ports.
 */
final class FreePorts {

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
