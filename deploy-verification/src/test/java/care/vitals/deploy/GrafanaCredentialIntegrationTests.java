package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the datasource password of Grafana without Docker (docs/security.md, "Secrets
 * as files"): {@code deploy/systemd/install-credentials.sh} writes it from {@code .env}
 * to exactly the path {@code grafana/provisioning/datasources/influxdb.yaml} reads with
 * {@code $__file{}}, readable by the group of Grafana only and by no one else, and only
 * when Grafana is installed; a placeholder writes nothing. The group here is the test
 * user's own (the build machine has no {@code grafana} group; on a NUC it is
 * {@code grafana}, created by Grafana's package).
 */
class GrafanaCredentialIntegrationTests {

	@Test
	void installCredentialsWritesTheDatasourcePasswordWhereTheProvisioningReadsIt(@TempDir Path repo) throws Exception {
		Deploy.scratchCopy(repo);
		String password = Deploy.randomSecret();
		writeEnv(repo, password);
		Path secrets = repo.resolve("etc-grafana/secrets");
		String group = Files.readAttributes(repo, PosixFileAttributes.class).group().getName();

		// The default directory is the one the provisioning reads.
		String script = Files.readString(repo.resolve("deploy/systemd/install-credentials.sh"));
		Path provisioned = Path.of(provisionedPasswordFile());
		assertThat(script).contains("grafana_dir=" + provisioned.getParent() + "\n", "grafana_group=grafana\n");
		assertThat(provisioned.getFileName()).hasToString("influx_grafana_password");

		Deploy.Result installed = Deploy.run(repo, "bash", "deploy/systemd/install-credentials.sh", "--dir",
				repo.resolve("etc-vitals-credentials").toString(), "--grafana-dir", secrets.toString(),
				"--grafana-group", group, "--telegraf-group", "no-such-group-vitals");
		assertThat(installed.ok()).as(installed.output()).isTrue();
		Path file = secrets.resolve(provisioned.getFileName());
		assertThat(file).hasContent(password);
		assertThat(mode(file)).isEqualTo("r--r-----");
		assertThat(mode(secrets)).isEqualTo("rwxr-x---");
		assertThat(Files.readAttributes(file, PosixFileAttributes.class).group().getName()).isEqualTo(group);
		assertThat(Files.readAttributes(secrets, PosixFileAttributes.class).group().getName()).isEqualTo(group);
		try (var listing = Files.list(secrets)) {
			assertThat(listing).containsExactly(file);
		}

		// A rotation rewrites it; a placeholder is refused and leaves the old one.
		String rotated = Deploy.randomSecret();
		writeEnv(repo, rotated);
		assertThat(Deploy
			.run(repo, "bash", "deploy/systemd/install-credentials.sh", "--dir",
					repo.resolve("etc-vitals-credentials").toString(), "--grafana-dir", secrets.toString(),
					"--grafana-group", group, "--telegraf-group", "no-such-group-vitals")
			.ok()).isTrue();
		assertThat(file).hasContent(rotated);
		writeEnv(repo, "__GENERATED__");
		Deploy.Result refused = Deploy.run(repo, "bash", "deploy/systemd/install-credentials.sh", "--dir",
				repo.resolve("etc-vitals-credentials").toString(), "--grafana-dir", secrets.toString(),
				"--grafana-group", group, "--telegraf-group", "no-such-group-vitals");
		assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
		assertThat(refused.output()).contains("INFLUX_GRAFANA_PASSWORD").doesNotContain(rotated);
		assertThat(file).hasContent(rotated);
	}

	@Test
	void withoutGrafanaNothingIsWritten(@TempDir Path repo) throws Exception {
		Deploy.scratchCopy(repo);
		writeEnv(repo, Deploy.randomSecret());
		Path secrets = repo.resolve("etc-grafana/secrets");
		Deploy.Result installed = Deploy.run(repo, "bash", "deploy/systemd/install-credentials.sh", "--dir",
				repo.resolve("etc-vitals-credentials").toString(), "--grafana-dir", secrets.toString(),
				"--grafana-group", "no-such-group-vitals", "--telegraf-group", "no-such-group-vitals");
		assertThat(installed.ok()).as(installed.output()).isTrue();
		assertThat(installed.output()).contains("no group no-such-group-vitals");
		assertThat(secrets).doesNotExist();
		assertThat(repo.resolve("etc-vitals-credentials/ingest/INFLUX_PASSWORD")).exists();
	}

	/**
	 * The path of {@code $__file{...}} in the datasource provisioning (both datasources).
	 */
	static String provisionedPasswordFile() throws IOException {
		String provisioning = Files.readString(Deploy.root().resolve("grafana/provisioning/datasources/influxdb.yaml"));
		Matcher password = Pattern.compile("(?m)^\\s+password:\\s*\\$__file\\{(/[^}$]+)}\\s*$").matcher(provisioning);
		assertThat(password.find()).as("no password: $__file{...} in influxdb.yaml").isTrue();
		String path = password.group(1);
		while (password.find()) {
			assertThat(password.group(1)).isEqualTo(path);
		}
		return path;
	}

	private static void writeEnv(Path repo, String grafanaPassword) throws IOException {
		Files.writeString(repo.resolve(".env"),
				"COMPOSE_PROFILES=\n" + "MQTT_INGEST_PASSWORD=" + Deploy.randomSecret() + "\n"
						+ "INFLUX_INGEST_PASSWORD=" + Deploy.randomSecret() + "\n" + "INGEST_ADMIN_PASSWORD="
						+ Deploy.randomSecret() + "\n" + "INFLUX_GRAFANA_PASSWORD=" + grafanaPassword + "\n");
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
