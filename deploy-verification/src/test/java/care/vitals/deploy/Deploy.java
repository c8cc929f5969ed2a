package care.vitals.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import care.vitals.testsupport.ServerBinaries;

/**
 * The deployment files of the repository and the processes the tests run on them:
 * scripts, {@code docker-compose}, {@code shellcheck}, {@code openssl}, Mosquitto
 * clients. Binaries are located through {@link ServerBinaries}: a missing one fails the
 * test under {@code CI=true} and skips it elsewhere, naming the Debian package.
 */
final class Deploy {

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private Deploy() {
	}

	/**
	 * Returns the repository root (the directory holding {@code docker-compose.yml}).
	 * @return the root directory
	 */
	static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
	}

	/**
	 * Locates an executable the test needs.
	 * @param executable the file name
	 * @param debianPackage the package that provides it
	 * @return its path
	 */
	static String binary(String executable, String debianPackage) {
		return ServerBinaries.locate(executable, debianPackage).toString();
	}

	/**
	 * Copies {@code .env.example}, the compose files, {@code devices.csv} and the
	 * {@code deploy} tree (without {@code deploy/secrets}) into a scratch repository, so
	 * the scripts run unchanged without touching the working tree.
	 * @param target the scratch directory
	 * @return {@code target}
	 */
	static Path scratchCopy(Path target) {
		Path root = root();
		try {
			for (String file : List.of(".env.example", "docker-compose.yml", "docker-compose.cluster.yml")) {
				Files.copy(root.resolve(file), target.resolve(file));
			}
			Path deploy = root.resolve("deploy");
			try (Stream<Path> files = Files.walk(deploy)) {
				for (Path source : (Iterable<Path>) files::iterator) {
					Path relative = deploy.relativize(source);
					if (relative.startsWith("secrets")) {
						continue;
					}
					Path copy = target.resolve("deploy").resolve(relative.toString());
					if (Files.isDirectory(source)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
					}
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether a variable of {@code .env.example} is a secret that deploy/init.sh
	 * generates (its rule: the name ends in _PASSWORD, _TOKEN, _SECRET, _SECRET_KEY or
	 * _COOKIE).
	 * @param key the variable name
	 * @return whether it is a generated secret
	 */
	static boolean isSecret(String key) {
		return key.matches(".*_(PASSWORD|TOKEN|SECRET|SECRET_KEY|COOKIE)");
	}

	/**
	 * Returns a secret of the shape deploy/init.sh generates: 48 hex digits.
	 * @return a fresh random secret
	 */
	static String randomSecret() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return java.util.HexFormat.of().formatHex(bytes);
	}

	/**
	 * Runs a command and waits for it.
	 * @param dir the working directory
	 * @param environment extra environment variables
	 * @param timeout how long it may run
	 * @param command the command and its arguments
	 * @return the exit code and the combined output
	 */
	static Result run(Path dir, Map<String, String> environment, Duration timeout, String... command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		try {
			Path output = Files.createTempFile("deploy-run", ".log");
			builder.redirectOutput(output.toFile());
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + ":\n"
						+ Files.readString(output));
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.delete(output);
			return new Result(process.exitValue(), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Same as {@link #run(Path, Map, Duration, String...)} with no extra environment and
	 * a one-minute timeout.
	 * @param dir the working directory
	 * @param command the command
	 * @return the result
	 */
	static Result run(Path dir, String... command) {
		return run(dir, Map.of(), Duration.ofMinutes(1), command);
	}

	/**
	 * Reads a {@code KEY=VALUE} file ({@code .env}), ignoring comments and blank lines.
	 * @param file the file
	 * @return the values in file order
	 */
	static Map<String, String> readEnv(Path file) {
		Map<String, String> values = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				int eq = line.indexOf('=');
				if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
					values.put(line.substring(0, eq), line.substring(eq + 1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return values;
	}

	/**
	 * Reads a file's lines, without the ones that are blank or comments.
	 * @param file the file
	 * @param comment the comment prefix
	 * @return the remaining lines
	 */
	static List<String> contentLines(Path file, String comment) {
		List<String> lines = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(file)) {
				if (!line.isBlank() && !line.strip().startsWith(comment)) {
					lines.add(line);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return lines;
	}

	/**
	 * Exit code and output of a finished process.
	 *
	 * @param exitCode the exit code
	 * @param output stdout and stderr combined
	 */
	record Result(int exitCode, String output) {

		boolean ok() {
			return this.exitCode == 0;
		}

	}

}
