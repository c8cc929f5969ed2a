package care.vitals.testsupport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Kills a server when the JVM that started it dies, even by SIGKILL (when no shutdown
 * hook runs).
 * <p>
 * For each server the JVM starts {@code /bin/sh} with a script that blocks reading its
 * stdin, which is a pipe whose only writer is this JVM. The JVM never writes to it; when
 * the JVM dies for any reason the kernel closes the pipe, {@code read} sees end of file
 * and the script sends SIGKILL to the server's pid. On a normal stop the JVM first
 * terminates the watchdog (SIGTERM ends the blocked shell without running the kill) and
 * then the server, so a recycled pid is never hit. The watchdog process object must stay
 * strongly reachable: if it were garbage collected, its pipe would close and the server
 * would be killed.
 */
final class Watchdog {

	private static final String SCRIPT = "while read -r _; do :; done; kill -KILL \"$1\" 2>/dev/null";

	private Watchdog() {
	}

	/**
	 * Starts a watchdog for a running server.
	 * @param server the server process
	 * @param log where the watchdog's own output goes
	 * @return the watchdog process; destroy it before stopping the server
	 */
	static Process guard(Process server, Path log) {
		return guard(server.pid(), log);
	}

	static Process guard(long pid, Path log) {
		try {
			return new ProcessBuilder("/bin/sh", "-c", SCRIPT, "vitals-watchdog", Long.toString(pid))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the watchdog for pid " + pid, ex);
		}
	}

}
