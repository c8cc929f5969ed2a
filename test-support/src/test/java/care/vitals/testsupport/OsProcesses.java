package care.vitals.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process liveness for tests. A killed orphan stays a zombie until PID 1 reaps it, and
 * {@link ProcessHandle#isAlive()} may report a zombie as alive, so on Linux the state in
 * {@code /proc/<pid>/stat} decides.
 */
final class OsProcesses {

	private OsProcesses() {
	}

	static boolean isAlive(long pid) {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		if (!Files.isDirectory(Path.of("/proc/self"))) {
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
		}
		try {
			String content = Files.readString(stat);
			char state = content.charAt(content.lastIndexOf(')') + 2);
			return state != 'Z' && state != 'X';
		}
		catch (IOException ex) {
			return false;
		}
	}

}
