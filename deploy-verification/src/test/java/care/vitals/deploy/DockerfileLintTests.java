package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints the service Dockerfiles with the rules that matter here (hadolint is not a Debian
 * package): base images pinned to a full version, multi-stage with a JRE runtime stage,
 * layered Spring Boot jar, a non-root user, no {@code ADD} of URLs, a healthcheck,
 * exec-form entrypoint.
 */
class DockerfileLintTests {

	@ParameterizedTest
	@ValueSource(strings = { "ingest-service", "publisher-service" })
	void dockerfileFollowsTheRules(String module) throws IOException {
		List<String> instructions = instructions(Deploy.root().resolve(module).resolve("Dockerfile"));
		List<String> froms = instructions.stream().filter((line) -> keyword(line).equals("FROM")).toList();
		assertThat(froms).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
		for (String from : froms) {
			String image = from.split("\\s+")[1];
			assertThat(image).as("pinned base image").matches(".+:[0-9]+\\.[0-9]+\\.[0-9]+.*|.+@sha256:[0-9a-f]{64}");
			assertThat(image).doesNotContain(":latest");
		}
		String runtime = froms.get(froms.size() - 1);
		assertThat(runtime).as("JRE runtime stage").contains("-jre");
		List<String> runtimeStage = instructions.subList(instructions.indexOf(runtime), instructions.size());

		String user = runtimeStage.stream()
			.filter((line) -> keyword(line).equals("USER"))
			.reduce((a, b) -> b)
			.orElse("");
		assertThat(user).as("non-root USER in the runtime stage").isNotEmpty();
		String name = user.split("\\s+")[1].split(":")[0];
		assertThat(name).isNotIn("root", "0");

		assertThat(instructions).filteredOn((line) -> keyword(line).equals("ADD"))
			.as("no ADD of URLs")
			.noneMatch((line) -> line.contains("http://") || line.contains("https://"));
		assertThat(runtimeStage).anyMatch((line) -> keyword(line).equals("HEALTHCHECK"));
		assertThat(runtimeStage).filteredOn((line) -> keyword(line).equals("ENTRYPOINT"))
			.allMatch((line) -> line.contains("["));
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			assertThat(runtimeStage).as("layer " + layer).anyMatch((line) -> line.contains("/" + layer + "/"));
		}
		assertThat(instructions).anyMatch((line) -> line.contains("-Djarmode=tools") && line.contains("--layers"));
		// The build stage runs the Maven reactor, which needs every module's pom.
		String root = Files.readString(Deploy.root().resolve("pom.xml"));
		Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(root);
		while (modules.find()) {
			String copied = modules.group(1) + "/";
			assertThat(instructions).as("build stage copies " + copied)
				.anyMatch((line) -> keyword(line).equals("COPY") && line.contains(copied));
		}
	}

	/** Joins continuation lines and drops comments and blank lines. */
	private static List<String> instructions(Path dockerfile) throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : Files.readAllLines(dockerfile)) {
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			if (line.endsWith("\\")) {
				current.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			current.append(line);
			instructions.add(current.toString().strip());
			current.setLength(0);
		}
		return instructions;
	}

	private static String keyword(String instruction) {
		return instruction.split("\\s+")[0].toUpperCase(Locale.ROOT);
	}

}
