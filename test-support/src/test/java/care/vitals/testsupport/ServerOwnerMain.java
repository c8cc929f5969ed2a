package care.vitals.testsupport;

/**
 * A stand-in for a test JVM, run as a child process by
 * {@link ServerCleanupIntegrationTests}: starts a broker, prints its pid and data dir,
 * then waits to be killed.
 */
public final class ServerOwnerMain {

	private ServerOwnerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		MosquittoServer mosquitto = MosquittoServer.create();
		mosquitto.start();
		System.out.println("server-pid=" + mosquitto.pid() + " data-dir=" + mosquitto.dataDir());
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
