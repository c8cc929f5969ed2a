package care.vitals.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server process for integration tests, usable as a JUnit 5 extension.
 * <p>
 * Register it on a {@code static} field with {@code @RegisterExtension}: before all tests
 * it is started, before each test it is started again if an earlier test left it stopped
 * or killed, and after all tests of the registering class it is closed (stopped, temp dir
 * deleted). Use one instance per test class; to share one server across classes, do not
 * register it but call {@link #start()} from each class and leave closing to the shutdown
 * hook.
 * <p>
 * The port is chosen free at the first start (bind a socket on port 0, close it, hand the
 * number to the server). Another process may grab it in between; if the first start fails
 * with "address already in use" it is retried on new ports, up to three times. From then
 * on the port and the data dir are fixed, so {@link #restart()} and {@link #kill()}
 * followed by {@link #start()} keep sessions and stored data.
 * <p>
 * Cleanup: every started server is also registered with a JVM shutdown hook (covers
 * SIGTERM/SIGINT and normal exit), and gets a {@link Watchdog} that SIGKILLs it when the
 * JVM dies without running hooks (SIGKILL). The server's stdout and stderr are appended
 * to {@link #logFile()}; startup failures include its tail. Set the system property
 * {@value #KEEP_DIRS_PROPERTY} to {@code true} to keep temp dirs for inspection.
 */
public abstract class ServerProcess implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, AutoCloseable {

	/** System property that keeps the temp dirs after {@link #close()}. */
	public static final String KEEP_DIRS_PROPERTY = "vitals.testsupport.keep-dirs";

	private static final String HOST = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final int FIRST_START_ATTEMPTS = 3;

	private final String name;

	private final String executable;

	private final String debianPackage;

	private final int portCount;

	private int[] ports;

	private volatile Path dataDir;

	private volatile Process process;

	private volatile Process watchdog;

	private boolean everStarted;

	private boolean closed;

	private String ownerContextId;

	/**
	 * Creates a server description; nothing is started or created on disk yet.
	 * @param name short name used for the temp dir and messages, e.g. {@code mosquitto}
	 * @param executable the binary to look up with {@link ServerBinaries}
	 * @param debianPackage the Debian package that provides the binary
	 * @param portCount how many free ports the server needs; {@link #port()} is the first
	 */
	protected ServerProcess(String name, String executable, String debianPackage, int portCount) {
		this.name = name;
		this.executable = executable;
		this.debianPackage = debianPackage;
		this.portCount = portCount;
	}

	/**
	 * Returns the command line that starts the server in the foreground, writing any
	 * config files it needs into {@link #dataDir()} first.
	 * @param binary the located executable
	 * @return the command line
	 * @throws IOException if a config file cannot be written
	 */
	protected abstract List<String> command(Path binary) throws IOException;

	/**
	 * Probes whether the freshly started server serves requests. Called repeatedly until
	 * it returns {@code true}, the process exits or the startup timeout elapses.
	 * @return whether the server is ready
	 */
	protected abstract boolean isReady();

	/**
	 * Called after every successful start, e.g. to drop pooled client connections.
	 */
	protected void onStarted() {
	}

	public String host() {
		return HOST;
	}

	/**
	 * Returns the main port: chosen free at the first call, changed only if the first
	 * start finds it taken by another process, then fixed for the life of this object.
	 * @return the port
	 */
	public synchronized int port() {
		return ports()[0];
	}

	/**
	 * Returns an additional port the server binds (e.g. the InfluxDB RPC port).
	 * @param index 1 for the second port, and so on
	 * @return the port
	 */
	protected synchronized int port(int index) {
		return ports()[index];
	}

	public abstract String url();

	/**
	 * Returns the server's temp dir: generated config, {@link #logFile() log} and data.
	 * @return the directory, created on first use
	 */
	public synchronized Path dataDir() {
		if (this.dataDir == null) {
			try {
				this.dataDir = Files.createTempDirectory("vitals-" + this.name + "-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this.dataDir;
	}

	/**
	 * Returns the file that collects the server's stdout and stderr across restarts.
	 * @return the log file inside {@link #dataDir()}
	 */
	public Path logFile() {
		return dataDir().resolve(this.name + ".log");
	}

	/**
	 * Returns the OS process id of the running server.
	 * @return the pid
	 * @throws IllegalStateException if the server is not running
	 */
	public long pid() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return current.pid();
	}

	/**
	 * Starts the server unless it is running and blocks until it is ready.
	 * @throws IllegalStateException if it does not become ready within 30 s, with the
	 * tail of its log
	 */
	public synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException(this.name + " has been closed");
		}
		if (isRunning()) {
			return;
		}
		Path binary = ServerBinaries.locate(this.executable, this.debianPackage);
		boolean firstStart = !this.everStarted;
		for (int attempt = 1;; attempt++) {
			try {
				launch(binary);
				this.everStarted = true;
				return;
			}
			catch (PortInUseException ex) {
				if (!firstStart || attempt == FIRST_START_ATTEMPTS) {
					throw new IllegalStateException(ex.getMessage(), ex);
				}
				this.ports = null;
			}
		}
	}

	/**
	 * Stops the server gracefully: SIGTERM, then SIGKILL if it has not exited after 10 s.
	 */
	public synchronized void stop() {
		terminate(STOP_TIMEOUT);
	}

	/**
	 * Kills the server with SIGKILL and waits for it to exit. Data not yet flushed by the
	 * server is lost, as in a power cut.
	 */
	public synchronized void kill() {
		Process current = this.process;
		if (current != null) {
			stopWatchdog();
			current.destroyForcibly();
			awaitExit(current);
			this.process = null;
		}
	}

	/**
	 * Stops and starts the server on the same port with the same data dir.
	 */
	public synchronized void restart() {
		stop();
		start();
	}

	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Kills the server and deletes its temp dir (a graceful stop would only slow tests
	 * down, as the data is deleted anyway). The object cannot be started again.
	 */
	@Override
	public synchronized void close() {
		if (keepDirs()) {
			stop();
		}
		else {
			kill();
		}
		this.closed = true;
		RunningServers.unregister(this);
		deleteDataDir();
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		if (this.ownerContextId == null) {
			this.ownerContextId = context.getUniqueId();
		}
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		start();
	}

	/**
	 * Closes the server after the class that registered it; {@code @Nested} classes,
	 * which inherit the extension, leave it running for the outer class.
	 */
	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (context.getUniqueId().equals(this.ownerContextId)) {
			close();
		}
	}

	@Override
	public String toString() {
		return this.name + (this.ports != null ? " on " + url() : "") + (isRunning() ? " (running)" : " (stopped)");
	}

	/**
	 * Last-resort cleanup from the JVM shutdown hook: deliberately not synchronized, so a
	 * test thread stuck in {@link #start()} cannot block JVM exit.
	 */
	void shutdownNow() {
		Process current = this.process;
		Process guard = this.watchdog;
		if (current != null) {
			if (keepDirs()) {
				current.destroy();
			}
			else {
				current.destroyForcibly();
			}
			try {
				if (!current.waitFor(5, TimeUnit.SECONDS)) {
					current.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				current.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		if (guard != null) {
			guard.destroy();
		}
		deleteDataDir();
	}

	/**
	 * Presets the ports for the first start, for tests of the port retry.
	 * @param ports the ports
	 */
	synchronized void usePorts(int... ports) {
		if (this.everStarted || ports.length != this.portCount) {
			throw new IllegalStateException("Ports can only be preset before the first start");
		}
		this.ports = ports.clone();
	}

	private int[] ports() {
		if (this.ports == null) {
			this.ports = FreePorts.allocate(this.portCount);
		}
		return this.ports;
	}

	private void launch(Path binary) {
		forgetProcess();
		Path log = logFile();
		long logOffset = log.toFile().length();
		Process started;
		try {
			List<String> command = command(binary);
			started = new ProcessBuilder(command).directory(dataDir().toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not launch " + this.name + ": " + ex.getMessage(), ex);
		}
		this.process = started;
		this.watchdog = Watchdog.guard(started, dataDir().resolve("watchdog.log"));
		RunningServers.register(this);
		try {
			awaitReady(started, log, logOffset);
		}
		catch (IllegalStateException ex) {
			if (started.isAlive()) {
				started.destroyForcibly();
				awaitExit(started);
				forgetProcess();
			}
			throw ex;
		}
		onStarted();
	}

	private void awaitReady(Process started, Path log, long logOffset) {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				String tail = LogTail.read(log, logOffset);
				forgetProcess();
				String message = this.name + " exited with code " + started.exitValue() + " while starting on port "
						+ port() + ". Log " + log + " ends with:\n" + tail;
				if (tail.toLowerCase(Locale.ROOT).contains("address already in use")) {
					throw new PortInUseException(message);
				}
				throw new IllegalStateException(message);
			}
			if (isReady()) {
				return;
			}
			sleep(Duration.ofMillis(50));
		}
		started.destroyForcibly();
		awaitExit(started);
		forgetProcess();
		throw new IllegalStateException(this.name + " was not ready on port " + port() + " within "
				+ STARTUP_TIMEOUT.toSeconds() + " s. Log " + log + " ends with:\n" + LogTail.read(log, logOffset));
	}

	private void terminate(Duration timeout) {
		Process current = this.process;
		if (current == null) {
			return;
		}
		stopWatchdog();
		current.destroy();
		try {
			if (!current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				current.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		awaitExit(current);
		this.process = null;
	}

	private void forgetProcess() {
		stopWatchdog();
		this.process = null;
	}

	private void stopWatchdog() {
		Process guard = this.watchdog;
		if (guard != null) {
			guard.destroy();
			awaitExit(guard);
			this.watchdog = null;
		}
	}

	private void deleteDataDir() {
		Path dir = this.dataDir;
		if (dir == null || keepDirs() || !Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException | UncheckedIOException ex) {
			// best effort: a leftover temp dir must not fail the test
		}
	}

	private static boolean keepDirs() {
		return Boolean.getBoolean(KEEP_DIRS_PROPERTY);
	}

	private static void awaitExit(Process process) {
		boolean interrupted = false;
		while (true) {
			try {
				process.waitFor();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static final class PortInUseException extends RuntimeException {

		PortInUseException(String message) {
			super(message);
		}

	}

}
