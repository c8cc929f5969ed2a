package care.vitals.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that servers never outlive the JVM that started them: a child JVM
 * ({@link ServerOwnerMain}) starts a broker and is then killed.
 */
class ServerCleanupIntegrationTests {

	private Process owner;

	private Started lastStarted;

	@BeforeEach
	void requireMosquitto() {
		ServerBinaries.locate(ServerBinaries.MOSQUITTO, "mosquitto");
	}

	@Test
	void watchdogKillsTheServerWhenItsJvmIsKilled() throws Exception {
		Started started = startOwner();
		assertThat(OsProcesses.isAlive(started.serverPid())).isTrue();

		this.owner.destroyForcibly();
		this.owner.waitFor();

		await().atMost(Duration.ofSeconds(5)).until(() -> !OsProcesses.isAlive(started.serverPid()));
	}

	@Test
	void shutdownHookStopsTheServerAndDeletesItsDirOnSigterm() throws Exception {
		Started started = startOwner();

		this.owner.destroy();
		assertThat(this.owner.waitFor(15, TimeUnit.SECONDS)).isTrue();

		await().atMost(Duration.ofSeconds(5)).until(() -> !OsProcesses.isAlive(started.serverPid()));
		assertThat(started.dataDir()).doesNotExist();
	}

	private Started startOwner() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ServerOwnerMain.class.getName())
			.redirectErrorStream(true)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(this.owner.getInputStream(), StandardCharsets.UTF_8));
		String line = CompletableFuture.supplyAsync(() -> readStartedLine(output)).get(30, TimeUnit.SECONDS);
		assertThat(line).as("output of the owner JVM").startsWith("server-pid=");
		String[] parts = line.split(" ");
		this.lastStarted = new Started(Long.parseLong(parts[0].substring("server-pid=".length())),
				Path.of(parts[1].substring("data-dir=".length())));
		return this.lastStarted;
	}

	private static String readStartedLine(BufferedReader output) {
		StringBuilder seen = new StringBuilder();
		try {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith("server-pid=")) {
					return line;
				}
				seen.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			seen.append(ex);
		}
		return seen.toString();
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> paths = Files.walk(dir)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@AfterEach
	void cleanUpAfterAFailure() throws Exception {
		if (this.owner != null && this.owner.isAlive()) {
			this.owner.destroyForcibly().waitFor();
		}
		if (this.lastStarted != null) {
			ProcessHandle.of(this.lastStarted.serverPid()).ifPresent(ProcessHandle::destroyForcibly);
			deleteRecursively(this.lastStarted.dataDir());
		}
	}

	private record Started(long serverPid, Path dataDir) {
	}

}
