package care.vitals.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM options file as {@code java @file} reads it, one flag per line: the ingest's
 * measured flags ({@code deploy/ingest-jvm.options}), which the benchmark and process
 * tests start the jar with and the deployment checks compare to.
 */
public final class JvmOptionsFile {

	/** Where the ingest's flags live, relative to the repository's top folder. */
	public static final String INGEST = "deploy/ingest-jvm.options";

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
