package care.vitals.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Servers started in this JVM and not yet closed, stopped by one shutdown hook when the
 * JVM exits normally or on SIGTERM/SIGINT.
 */
final class RunningServers {

	private static final Set<ServerProcess> servers = new LinkedHashSet<>();

	private static boolean hookInstalled;

	private RunningServers() {
	}

	static synchronized void register(ServerProcess server) {
		if (!hookInstalled) {
			Runtime.getRuntime()
				.addShutdownHook(new Thread(RunningServers::shutdownAll, "vitals-test-servers-shutdown"));
			hookInstalled = true;
		}
		servers.add(server);
	}

	static synchronized void unregister(ServerProcess server) {
		servers.remove(server);
	}

	private static void shutdownAll() {
		List<ServerProcess> open;
		synchronized (RunningServers.class) {
			open = new ArrayList<>(servers);
			servers.clear();
		}
		open.parallelStream().forEach(ServerProcess::shutdownNow);
	}

}
