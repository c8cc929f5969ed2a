package care.vitals.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that no template placeholder or well-known default password starts anything:
 * the real {@code deploy/docker/entrypoint.sh} (built into the service images, and run by
 * compose before the entrypoint of every third-party image) refuses them, run here with
 * the environment {@code docker-compose config} renders for each service; and the systemd
 * units run the same check before the services.
 */
class PlaceholderRefusalIntegrationTests {

	private static final Path ENTRYPOINT = Deploy.root().resolve("deploy/docker/entrypoint.sh");

	private static String sh;

	@TempDir
	static Path scratch;

	@BeforeAll
	static void locate() {
		Deploy.binary("docker-compose", "docker-compose");
		sh = Deploy.binary("sh", "dash");
	}

	@ParameterizedTest(name = "{0}={1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			GF_SECURITY_ADMIN_PASSWORD      | __GENERATED__                                     | refused
			EMQX_NODE__COOKIE               | __GENERATED__                                     | refused
			ALERT_WEBHOOK_URL               | __SET_ME__                                        | refused
			INFLUX_TOKEN                    | <your token>                                      | refused
			DOCKER_INFLUXDB_INIT_PASSWORD   | changeme                                          | refused
			INGEST_ADMIN_PASSWORD           | Admin                                             | refused
			MQTT_PASSWORD                   | password                                          | refused
			GF_SECURITY_SECRET_KEY          | secret                                            | refused
			INFLUX_PASSWORD                 | xxxxxxxx                                          | refused
			MQTT_PASSWORD                   | ${MQTT_INGEST_PASSWORD}                           | refused
			GF_SECURITY_ADMIN_PASSWORD      | 0617199a4cc69285c38130639bd9c7a622792a64626cd4fd  | started
			MQTT_PASSWORD                   | admin-of-ward-7-Zq81                              | started
			GF_SECURITY_ADMIN_USER          | admin                                             | started
			INFLUX_USERNAME                 | admin                                             | started
			GF_SERVER_CERT_KEY              | /etc/grafana/tls/server.key                       | started
			""")
	void judgesAValueByItsShapeAndForSecretsByTheWellKnownDefaults(String name, String value, String expected) {
		Deploy.Result result = check(Map.of(name, value));
		if (expected.equals("started")) {
			assertThat(result.ok()).as(result.output()).isTrue();
			assertThat(result.output()).isEqualTo("started\n");
		}
		else {
			assertThat(result.exitCode()).as(result.output()).isEqualTo(78);
			assertThat(result.output()).contains(name).contains("Run deploy/init.sh").doesNotContain("started");
		}
	}

	@Test
	void secretFilesAreJudgedLikeValuesAndAnEmptySmtpPasswordFileIsFine() throws Exception {
		Path file = scratch.resolve("secret");
		Files.writeString(file, "__GENERATED__");
		assertThat(check(Map.of("MQTT_PASSWORD_FILE", file.toString())).exitCode()).isEqualTo(78);
		Files.writeString(file, "changeme\n");
		Deploy.Result grafana = check(Map.of("GF_SMTP_PASSWORD__FILE", file.toString()));
		assertThat(grafana.exitCode()).isEqualTo(78);
		assertThat(grafana.output()).contains("GF_SMTP_PASSWORD__FILE");
		Files.writeString(file, "");
		assertThat(check(Map.of("GF_SMTP_PASSWORD__FILE", file.toString())).output()).isEqualTo("started\n");
		// NAME_FILE becomes NAME for the secrets of the service images.
		Files.writeString(file, "a1b2c3d4e5f6");
		Deploy.Result resolved = Deploy.run(scratch, env(Map.of("INFLUX_TOKEN_FILE", file.toString())),
				Duration.ofSeconds(20), sh, ENTRYPOINT.toString(), sh, "-c",
				"echo \"token=$INFLUX_TOKEN file=${INFLUX_TOKEN_FILE:-unset}\"");
		assertThat(resolved.output()).isEqualTo("token=a1b2c3d4e5f6 file=unset\n");
	}

	/**
	 * Secret files the program reads itself from a fixed path (Grafana's datasource
	 * password, {@code $__file{}} in its provisioning) are named by
	 * {@code VITALS_CREDENTIAL_FILES} only for this check: a placeholder, default or
	 * empty content refuses to start (78), a missing file stops with 1, a real one starts
	 * and becomes no environment value.
	 */
	@Test
	void credentialFilesTheProgramReadsItselfAreJudgedAndStayFiles() throws Exception {
		Path file = scratch.resolve("influx_grafana_password");
		Path other = scratch.resolve("other_password");
		Files.writeString(other, "5d1c0f2e9b8a7c6d");
		for (String refused : List.of("__GENERATED__", "changeme\n", "", "<set-me>")) {
			Files.writeString(file, refused);
			Deploy.Result result = check(Map.of("VITALS_CREDENTIAL_FILES", other + " " + file));
			assertThat(result.exitCode()).as(refused + ": " + result.output()).isEqualTo(78);
			assertThat(result.output()).contains(file.toString()).doesNotContain("started");
		}
		Deploy.Result missing = check(Map.of("VITALS_CREDENTIAL_FILES", scratch.resolve("absent").toString()));
		assertThat(missing.exitCode()).as(missing.output()).isEqualTo(1);
		assertThat(missing.output()).contains("absent").contains("not readable");
		Files.writeString(file, "9f8e7d6c5b4a3f2e1d0c\n");
		Deploy.Result started = Deploy.run(scratch, env(Map.of("VITALS_CREDENTIAL_FILES", other + " " + file)),
				Duration.ofSeconds(20), sh, ENTRYPOINT.toString(), sh, "-c", "env; echo started");
		assertThat(started.ok()).as(started.output()).isTrue();
		assertThat(started.output()).endsWith("started\n")
			.doesNotContain("9f8e7d6c5b4a3f2e1d0c")
			.doesNotContain("5d1c0f2e9b8a7c6d");
	}

	/**
	 * The scenario of issue 15: a secret holding the template's __GENERATED__ (an older
	 * template, or a hand edit), in `.env` and in its file under deploy/secrets/env.
	 * Compose renders it (the value is not empty), so each container that gets it, as an
	 * environment value or as a secret file, must refuse it itself. The deployment is the
	 * one deploy/init.sh writes in a scratch copy of the repository.
	 */
	@Test
	void everyContainerThatGetsASecretRefusesItsPlaceholder(@TempDir Path repo) throws Exception {
		Deploy.scratchCopy(repo);
		Deploy.Result init = Deploy.run(repo, ComposeFileIntegrationTests.ALERT_SETTINGS, Duration.ofMinutes(3), "bash",
				"deploy/init.sh");
		assertThat(init.ok()).as(init.output()).isTrue();
		Path envFile = repo.resolve(".env");
		String env = Files.readString(envFile);
		Map<String, String> real = Deploy.readEnv(envFile);
		List<String> secrets = real.keySet().stream().filter(Deploy::isSecret).toList();
		Map<String, Object> model = renderIn(repo);
		services(model).forEach((name, service) -> {
			Deploy.Result started = runCheckOf(name, service, model);
			assertThat(started.ok()).as(name + ": " + started.output()).isTrue();
			assertThat(started.output()).as(name).isEqualTo("started\n");
		});

		List<String> refusedBySomeone = new ArrayList<>();
		for (String secret : secrets) {
			Path file = repo.resolve("deploy/secrets/env/" + secret);
			assertThat(file).hasContent(real.get(secret));
			Files.writeString(envFile,
					env.replace(secret + "=" + real.get(secret) + "\n", secret + "=__GENERATED__\n"));
			Files.writeString(file, "__GENERATED__");
			Map<String, Object> placeholder = renderIn(repo);
			services(placeholder).forEach((name, service) -> {
				boolean receives = String.valueOf(environment(service)).contains("__GENERATED__")
						|| secretFiles(service, placeholder).contains(file.toString());
				Deploy.Result result = runCheckOf(name, service, placeholder);
				if (receives) {
					assertThat(result.exitCode()).as(name + " with " + secret + "=__GENERATED__: " + result.output())
						.isEqualTo(78);
					refusedBySomeone.add(secret);
				}
				else {
					assertThat(result.ok()).as(name + " without " + secret + ": " + result.output()).isTrue();
				}
			});
			Files.writeString(envFile, env);
			Files.writeString(file, real.get(secret));
		}
		// EMQX_API_SECRET reaches EMQX only inside the API key file init.sh writes.
		assertThat(refusedBySomeone).contains("GRAFANA_ADMIN_PASSWORD", "GRAFANA_SECRET_KEY", "EMQX_NODE_COOKIE",
				"EMQX_DASHBOARD_PASSWORD", "INFLUX_ADMIN_PASSWORD", "INFLUX_ADMIN_TOKEN", "INFLUX_GRAFANA_PASSWORD",
				"INFLUX_TELEGRAF_PASSWORD", "INFLUX_INGEST_PASSWORD", "MQTT_INGEST_PASSWORD", "INGEST_ADMIN_PASSWORD",
				"MQTT_PUBLISHER_PASSWORD", "PUBLISHER_API_PASSWORD");
	}

	@Test
	void thirdPartyImagesRunTheCheckBeforeTheirOwnEntrypointAndCommand() throws Exception {
		Map<String, String> real = new HashMap<>(ComposeFileIntegrationTests.ALERT_SETTINGS);
		Map<String, Map<String, Object>> services = render(real);
		// The images' own ENTRYPOINT and CMD (their Dockerfiles): compose's `entrypoint:`
		// replaces both, so both are repeated after the check.
		Map<String, List<String>> own = new LinkedHashMap<>();
		own.put("emqx", List.of("/usr/bin/docker-entrypoint.sh", "/opt/emqx/bin/emqx", "foreground"));
		own.put("influxdb", List.of("/entrypoint.sh", "influxd"));
		own.put("grafana", List.of("/run.sh"));
		own.put("telegraf", List.of("/entrypoint.sh", "telegraf"));
		own.put("mail-catcher", null);
		own.put("webhook-catcher", null);
		own.forEach((name, command) -> {
			Map<String, Object> service = services.get(name);
			if (command == null) {
				// Demo catchers get no secret.
				assertThat(String.valueOf(environment(service))).doesNotContainIgnoringCase("password");
				return;
			}
			List<String> actual = new ArrayList<>(strings(service.get("entrypoint")));
			assertThat(actual.subList(0, 2)).as(name).containsExactly("/bin/sh", "/opt/vitals/entrypoint.sh");
			actual = new ArrayList<>(actual.subList(2, actual.size()));
			actual.addAll(strings(service.getOrDefault("command", List.of())));
			assertThat(actual).as(name).isEqualTo(command);
			assertThat(strings(service.get("volumes"))).as(name).contains(ENTRYPOINT + ":/opt/vitals/entrypoint.sh:ro");
		});
		// The service images have it built in as their entrypoint.
		for (String dockerfile : List.of("ingest-service/Dockerfile", "publisher-service/Dockerfile")) {
			String text = Files.readString(Deploy.root().resolve(dockerfile));
			assertThat(text).as(dockerfile)
				.contains("COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/vitals-entrypoint")
				.contains("ENTRYPOINT [\"/usr/local/bin/vitals-entrypoint\"]");
			assertThat(services.get(dockerfile.startsWith("ingest") ? "ingest" : "publisher"))
				.doesNotContainKey("entrypoint");
		}
	}

	@Test
	void systemdUnitsRefuseAPlaceholderInTheirEnvironmentFile() throws Exception {
		for (String unit : List.of("ingest", "publisher")) {
			String text = Files.readString(Deploy.root().resolve("deploy/systemd/vitals-" + unit + ".service"));
			String pre = text.lines()
				.filter((line) -> line.startsWith("ExecStartPre="))
				.findFirst()
				.orElseThrow()
				.substring("ExecStartPre=".length())
				.replace("/opt/vitals/", Deploy.root() + "/");
			Map<String, String> environment = new HashMap<>(
					Deploy.readEnv(Deploy.root().resolve("deploy/systemd/" + unit + ".env.example")));
			environment.put("MQTT_PASSWORD", Deploy.randomSecret());
			Deploy.Result filled = Deploy.run(scratch, env(environment), Duration.ofSeconds(20), pre.split(" "));
			assertThat(filled.ok()).as(unit + ": " + filled.output()).isTrue();
			environment.put("MQTT_PASSWORD", "__GENERATED__");
			Deploy.Result placeholder = Deploy.run(scratch, env(environment), Duration.ofSeconds(20), pre.split(" "));
			assertThat(placeholder.exitCode()).as(unit + ": " + placeholder.output()).isEqualTo(78);
			assertThat(placeholder.output()).contains("MQTT_PASSWORD");
		}
	}

	/** Renders docker-compose.yml with .env.example and the given values. */
	private static Map<String, Map<String, Object>> render(Map<String, String> values) {
		Path env = ComposeFileIntegrationTests.filledEnv(values);
		Deploy.Result result = ComposeFileIntegrationTests.compose("-f", "docker-compose.yml", "--env-file",
				env.toString(), "config");
		assertThat(result.ok()).as(result.output()).isTrue();
		return ComposeFileIntegrationTests.services(result.output());
	}

	/**
	 * Runs what a service's container runs before its program, as the container would:
	 * the rendered environment, a token file where the container would find its token,
	 * and {@code echo started} in place of the program. The script is the one the service
	 * really runs: for a third-party image the host file bind-mounted at the path of its
	 * {@code entrypoint:}, for a built image the file its Dockerfile copies to its
	 * ENTRYPOINT; a service with neither runs nothing before its program.
	 */
	private static Deploy.Result runCheckOf(String name, Map<String, Object> service, Map<String, Object> model) {
		try {
			Map<String, String> environment = new HashMap<>(environment(service));
			// Docker secrets appear at /run/secrets/<name>: here, their files on the
			// host.
			// (also inside space-separated lists such as VITALS_CREDENTIAL_FILES).
			Map<String, String> secretFiles = secretPaths(service, model);
			environment.replaceAll((key, value) -> String.join(" ",
					java.util.Arrays.stream(value.split(" ", -1))
						.map((word) -> secretFiles.getOrDefault(word, word))
						.toList()));
			if (environment.containsKey("INFLUX_TOKEN_FILE")) {
				Path token = Files.createTempFile(scratch, "ingest", ".token");
				Files.writeString(token, Deploy.randomSecret());
				environment.put("INFLUX_TOKEN_FILE", token.toString());
			}
			List<String> command = new ArrayList<>();
			if (service.containsKey("entrypoint")) {
				List<String> entrypoint = strings(service.get("entrypoint"));
				assertThat(entrypoint.get(0)).as(name).isEqualTo("/bin/sh");
				String mounted = strings(service.get("volumes")).stream()
					.filter((volume) -> volume.contains(":" + entrypoint.get(1) + ":"))
					.map((volume) -> volume.substring(0, volume.indexOf(':')))
					.findFirst()
					.orElseThrow(() -> new AssertionError(name + ": " + entrypoint.get(1) + " is not mounted"));
				command.addAll(List.of(sh, mounted));
			}
			else if (service.containsKey("build")) {
				String dockerfile = Files.readString(Deploy.root().resolve(name + "-service/Dockerfile"));
				Matcher copy = Pattern.compile("COPY --chmod=0755 (\\S+) (\\S+)\n").matcher(dockerfile);
				assertThat(copy.find()).as(name).isTrue();
				assertThat(dockerfile).as(name).contains("ENTRYPOINT [\"" + copy.group(2) + "\"]");
				command.addAll(List.of(sh, Deploy.root().resolve(copy.group(1)).toString()));
			}
			command.addAll(List.of("echo", "started"));
			return Deploy.run(scratch, env(environment), Duration.ofSeconds(20), command.toArray(String[]::new));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Container path of each secret the service lists -> the file on the host. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> secretPaths(Map<String, Object> service, Map<String, Object> model) {
		Map<String, Object> declared = (Map<String, Object>) model.getOrDefault("secrets", Map.of());
		Map<String, String> paths = new HashMap<>();
		for (Object entry : (List<?>) service.getOrDefault("secrets", List.of())) {
			String secret = (entry instanceof Map<?, ?> map) ? String.valueOf(map.get("source"))
					: String.valueOf(entry);
			// Long syntax: an absolute target is the path in the container, a relative
			// one
			// a name under /run/secrets.
			Object target = (entry instanceof Map<?, ?> map) ? map.get("target") : null;
			String path = (target == null) ? "/run/secrets/" + secret
					: String.valueOf(target).startsWith("/") ? String.valueOf(target) : "/run/secrets/" + target;
			Object file = ((Map<String, Object>) declared.get(secret)).get("file");
			paths.put(path, String.valueOf(file));
		}
		return paths;
	}

	private static java.util.Collection<String> secretFiles(Map<String, Object> service, Map<String, Object> model) {
		return secretPaths(service, model).values();
	}

	/** Renders the compose file of a scratch repository with its own .env. */
	private static Map<String, Object> renderIn(Path repo) {
		Deploy.Result result = Deploy.run(repo, Map.of(), Duration.ofMinutes(1),
				Deploy.binary("docker-compose", "docker-compose"), "config");
		assertThat(result.ok()).as(result.output()).isTrue();
		return new org.yaml.snakeyaml.Yaml().load(result.output());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services(Map<String, Object> model) {
		return (Map<String, Map<String, Object>>) model.get("services");
	}

	private static Deploy.Result check(Map<String, String> values) {
		return Deploy.run(scratch, env(values), Duration.ofSeconds(20), sh, ENTRYPOINT.toString(), "echo", "started");
	}

	/**
	 * Only the given variables (and PATH), as in a container: Deploy.run adds them to its
	 * own environment, so everything else is blanked.
	 */
	private static Map<String, String> env(Map<String, String> values) {
		Map<String, String> environment = new HashMap<>();
		System.getenv().keySet().forEach((key) -> environment.put(key, ""));
		environment.put("PATH", System.getenv("PATH"));
		environment.putAll(values);
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
		Map<String, String> values = new HashMap<>();
		environment.forEach((key, value) -> values.put(key, value == null ? "" : String.valueOf(value)));
		return values;
	}

	private static List<String> strings(Object list) {
		return ((List<?>) list).stream().map(String::valueOf).toList();
	}

}
