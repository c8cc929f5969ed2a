package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that every shell script under {@code deploy/} passes shellcheck (warnings
 * included, sourced files followed) and is executable.
 */
class ShellScriptsIntegrationTests {

	@Test
	void everyDeployScriptPassesShellcheck() throws IOException {
		String shellcheck = Deploy.binary("shellcheck", "shellcheck");
		List<String> scripts = scripts();
		assertThat(scripts).contains("deploy/init.sh", "deploy/devices.sh", "deploy/backup.sh", "deploy/restore.sh");
		List<String> command = new ArrayList<>(List.of(shellcheck, "--external-sources", "--severity=style"));
		command.addAll(scripts);
		Deploy.Result result = Deploy.run(Deploy.root(), command.toArray(String[]::new));
		assertThat(result.output()).isEmpty();
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void everyDeployScriptIsExecutable() throws IOException {
		for (String script : scripts()) {
			assertThat(Files.isExecutable(Deploy.root().resolve(script))).as(script).isTrue();
		}
	}

	private static List<String> scripts() throws IOException {
		Path root = Deploy.root();
		try (Stream<Path> files = Files.walk(root.resolve("deploy"))) {
			return files.filter((file) -> file.toString().endsWith(".sh"))
				.filter((file) -> !root.relativize(file).startsWith("deploy/secrets"))
				.map((file) -> root.relativize(file).toString())
				.sorted()
				.toList();
		}
	}

}
