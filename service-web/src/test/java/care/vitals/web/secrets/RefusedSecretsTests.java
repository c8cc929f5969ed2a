package care.vitals.web.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that the services refuse exactly what {@code deploy/docker/entrypoint.sh}
 * refuses: the patterns are the script's text, and the real script and
 * {@link RefusedSecrets} judge every value of a corpus alike.
 */
class RefusedSecretsTests {

	private static final Path ENTRYPOINT = repositoryRoot().resolve("deploy/docker/entrypoint.sh");

	private static final List<String> VALUES = List.of("changeme", "ChangeMe", "change-me", "change_me", "changeit",
			"replaceme", "replace-me", "REPLACE_ME", "password", "Passw0rd", "secret", "admin", "ADMIN", "root",
			"default", "example", "test", "todo", "fixme", "generated", "none", "null", "xxx", "XXXXXXXX", "***",
			"${MQTT_PASSWORD}", "__GENERATED__", "__ANYTHING__", "<set-me>", "prefix__GENERATED__suffix",
			"real\nchangeme", "xx", "**", "_GENERATED_", "admin2", "secret-password", "test-password",
			"ingest-secret-1", "3f9c1d0e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b");

	private static final List<String> NAMES = List.of("MQTT_PASSWORD", "INFLUX_TOKEN", "STATION_OIDC_CLIENT_SECRET",
			"EMQX_NODE__COOKIE", "GF_SECURITY_SECRET_KEY", "MQTT_URL", "MQTT_USERNAME", "KEYSTORE", "MONKEY");

	@Test
	void thePatternsAreTheEntrypointsText() throws IOException {
		String script = Files.readString(ENTRYPOINT);
		assertThat(single(script, "grep -Eiqx '([^']*)'")).isEqualTo(RefusedSecrets.DEFAULTS);
		assertThat(single(script, "is_placeholder\\(\\) \\{\\s+case \\$1 in\\s+(.*)\\) return 0 ;;"))
			.isEqualTo(RefusedSecrets.PLACEHOLDERS);
		assertThat(single(script, "is_secret_name\\(\\) \\{\\s+case \\$1 in\\s+(.*)\\) return 0 ;;"))
			.isEqualTo(RefusedSecrets.SECRET_NAMES);
	}

	@Test
	void theEntrypointAndTheServicesJudgeEveryValueAlike() throws Exception {
		for (String value : VALUES) {
			assertThat(entrypointRefuses("MQTT_PASSWORD", value)).as("MQTT_PASSWORD=%s", value)
				.isEqualTo(RefusedSecrets.isRefused(value));
		}
		assertThat(VALUES.stream().filter(RefusedSecrets::isRefused)).hasSize(31);
	}

	@Test
	void theEntrypointAndTheServicesAgreeOnWhatASecretIs() throws Exception {
		for (String name : NAMES) {
			assertThat(entrypointRefuses(name, "changeme")).as(name).isEqualTo(RefusedSecrets.isSecretName(name));
		}
		assertThat(NAMES.stream().filter(RefusedSecrets::isSecretName)).hasSize(5);
		assertThat(RefusedSecrets.isSecretName("ingest.station.oidc.client-secret")).isTrue();
		assertThat(RefusedSecrets.isSecretName("management.influx.metrics.export.token")).isTrue();
		assertThat(RefusedSecrets.isSecretName("spring.ssl.bundle.pem.station.keystore.private-key")).isTrue();
		assertThat(RefusedSecrets.isSecretName("ingest.admin.username")).isFalse();
		assertThat(RefusedSecrets.isSecretName("server.servlet.session.cookie.same-site")).isFalse();
	}

	@Test
	void anEmptyOrMissingValueIsNotJudged() {
		assertThat(RefusedSecrets.isRefused("")).isFalse();
		assertThat(RefusedSecrets.isRefused(null)).isFalse();
	}

	private static boolean entrypointRefuses(String name, String value) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("sh", ENTRYPOINT.toString(), "true");
		builder.environment().clear();
		builder.environment().put("PATH", System.getenv("PATH"));
		builder.environment().put(name, value);
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		Process process = builder.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		int status = process.exitValue();
		assertThat(status).as("%s=%s", name, value).isIn(0, 78);
		return status == 78;
	}

	private static String single(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex).isTrue();
		String found = matcher.group(1);
		assertThat(matcher.find()).as("only one " + regex).isFalse();
		return found;
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		return dir;
	}

}
