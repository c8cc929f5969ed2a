package care.vitals.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the server binaries the integration tests run: on the {@code PATH}, then in
 * {@code /usr/sbin}, {@code /usr/bin} and {@code /usr/local/bin} (Debian puts
 * {@code mosquitto} in {@code /usr/sbin}, which is not on every user's {@code PATH}).
 * <p>
 * A missing binary never passes silently: with the environment variable {@code CI=true}
 * it fails the test with the Debian package to install; elsewhere the test is skipped (a
 * JUnit assumption) with the same message.
 */
public final class ServerBinaries {

	/** Debian package and binary of the MQTT broker. */
	public static final String MOSQUITTO = "mosquitto";

	/** Binary of InfluxDB 1.x; the Debian package is {@code influxdb}. */
	public static final String INFLUXD = "influxd";

	/** Binary and Debian package of VictoriaMetrics. */
	public static final String VICTORIA_METRICS = "victoria-metrics";

	private static final List<Path> FALLBACK_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"),
			Path.of("/usr/local/bin"));

	private ServerBinaries() {
	}

	/**
	 * Locates an executable, failing under CI and skipping the test elsewhere if it is
	 * missing.
	 * @param executable the file name, e.g. {@code influxd}
	 * @param debianPackage the package that provides it, e.g. {@code influxdb}
	 * @return the absolute path of the executable
	 * @throws IllegalStateException if missing and {@code CI=true}
	 * @throws org.opentest4j.TestAbortedException if missing otherwise
	 */
	public static Path locate(String executable, String debianPackage) {
		return locate(executable, debianPackage, System.getenv());
	}

	/**
	 * Same as {@link #locate(String, String)} with the environment ({@code PATH},
	 * {@code CI}) passed in, for tests.
	 * @param executable the file name
	 * @param debianPackage the package that provides it
	 * @param environment the environment variables to use
	 * @return the absolute path of the executable
	 */
	static Path locate(String executable, String debianPackage, Map<String, String> environment) {
		Optional<Path> found = find(executable, environment.get("PATH"));
		String message = "'" + executable + "' was not found on the PATH or in " + FALLBACK_DIRS
				+ "; install it with 'apt-get install " + debianPackage + "' (Debian package " + debianPackage + ")";
		if (found.isEmpty() && "true".equalsIgnoreCase(environment.get("CI"))) {
			throw new IllegalStateException(message + ". CI=true: a missing server binary fails the build.");
		}
		Assumptions.assumeTrue(found.isPresent(), () -> message + ". Skipping; under CI=true this fails instead.");
		return found.get();
	}

	/**
	 * Searches the directories of a {@code PATH} value and then the fallback directories.
	 * @param executable the file name
	 * @param pathVariable the {@code PATH} value, may be {@code null}
	 * @return the executable, if found
	 */
	static Optional<Path> find(String executable, String pathVariable) {
		Set<Path> dirs = new LinkedHashSet<>();
		if (pathVariable != null) {
			for (String entry : pathVariable.split(File.pathSeparator)) {
				if (!entry.isBlank()) {
					dirs.add(Path.of(entry));
				}
			}
		}
		dirs.addAll(FALLBACK_DIRS);
		List<Path> candidates = new ArrayList<>();
		dirs.forEach((dir) -> candidates.add(dir.resolve(executable)));
		return candidates.stream()
			.filter((candidate) -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
			.map(Path::toAbsolutePath)
			.findFirst();
	}

}
