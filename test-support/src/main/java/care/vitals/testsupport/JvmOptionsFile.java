package care.vitals.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JVM options file as {@code java @file} reads it, one flag per line: the ingest's
 * measured flags ({@code deploy/ingest-jvm.options}), which the benchmark and process
 * tests start the jar with and the deployment checks compare to.
 */
public final class JvmOptionsFile {

	/** Where the ingest's flags live, relative to the repository's top folder. */
	public static final String INGEST = "deploy/ingest-jvm.options";

	/**
	 * The ingest's glibc settings, in its environment wherever it runs (Dockerfile, both
	 * compose files, the systemd unit; the deployment checks compare): two malloc arenas
	 * instead of one per thread, less memory kept by freed blocks (docs/ingest.md,
	 * "Memory").
	 */
	public static final Map<String, String> INGEST_MALLOC = Map.of("MALLOC_ARENA_MAX", "2");

	private JvmOptionsFile() {
	}

	public static List<String> read(Path file) {
		try {
			return Files.readAllLines(file).stream().map(String::trim).filter((line) -> !line.isEmpty()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read JVM options " + file, ex);
		}
	}

}
