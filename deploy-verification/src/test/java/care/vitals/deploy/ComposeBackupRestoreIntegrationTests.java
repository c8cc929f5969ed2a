package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the Docker half of {@code deploy/backup.sh} and {@code deploy/restore.sh}: one
 * encrypted archive with InfluxDB, the ingest token, Grafana's data (Grafana stopped for
 * the copy and started again), the ward station's personal accounts (volume
 * {@code ingest-accounts}), the EMQX export and the configuration, and a restore that
 * puts every part back, the accounts file with its mode 600. No Docker engine runs here,
 * so the scripts run against a stand-in {@code docker} command
 * ({@code src/test/resources/stand-in-docker}) in which each service's container is a
 * directory: what is verified is the scripts' own work (which volume paths they copy, in
 * which order, what they restore where, the encryption), not Docker's. The InfluxDB 1.x
 * variant runs against the real server in
 * {@link InfluxDbV1BackupRestoreIntegrationTests}.
 */
class ComposeBackupRestoreIntegrationTests {

	@TempDir
	Path tmp;

	@Test
	void backupAndRestoreBringBackEveryVolumeIncludingTheWardStationsAccounts() throws Exception {
		Path repo = Deploy.scratchCopy(Files.createDirectories(this.tmp.resolve("repo")));
		Files.writeString(repo.resolve(".env"), "COMPOSE_PROJECT_NAME=ward7\nVITALS_INITIALIZED=yes\n");
		Files.createDirectories(repo.resolve("deploy/secrets/tls"));
		Files.writeString(repo.resolve("deploy/secrets/tls/ca.key"), "the CA key\n");

		Path containers = Files.createDirectories(this.tmp.resolve("containers"));
		Map<String, String> volumes = Map.of("influxdb/var/lib/influxdb2/engine/points", "500 points",
				"influxdb/var/lib/influxdb2-tokens/ingest.token", "ingest token", "grafana/var/lib/grafana/grafana.db",
				"ward overview", "ingest/var/lib/ingest/accounts/accounts.json",
				"{\"accounts\":[{\"username\":\"alice\",\"password\":\"{bcrypt}$2a$10$hash\"}]}",
				"emqx/opt/emqx/data/mnesia/users", "device accounts");
		fill(containers, volumes);
		Path accounts = containers.resolve("ingest/var/lib/ingest/accounts/accounts.json");
		Files.setPosixFilePermissions(accounts, PosixFilePermissions.fromString("rw-------"));
		for (String service : List.of("influxdb", "grafana", "ingest", "emqx")) {
			Files.createDirectories(containers.resolve(service + "/tmp"));
		}

		Path bin = Files.createDirectories(this.tmp.resolve("bin"));
		for (String command : List.of("docker", "influx", "emqx")) {
			Path copy = bin.resolve(command);
			Files.copy(Deploy.root().resolve("deploy-verification/src/test/resources/stand-in-docker/" + command),
					copy);
			Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
		}
		Path calls = this.tmp.resolve("docker-calls.txt");
		Path key = this.tmp.resolve("off-nuc-key.pem");
		Path certificate = this.tmp.resolve("backup-recipient.pem");
		Deploy.Result pair = Deploy.run(this.tmp, Map.of(), Duration.ofMinutes(1), "openssl", "req", "-x509", "-newkey",
				"rsa:3072", "-nodes", "-days", "1", "-subj", "/CN=vitals-backup", "-keyout", key.toString(), "-out",
				certificate.toString());
		assertThat(pair.ok()).as(pair.output()).isTrue();
		Map<String, String> environment = Map.of("PATH", bin + ":" + System.getenv("PATH"), "FAKE_DOCKER",
				containers.toString(), "FAKE_BIN", bin.toString(), "CALLS", calls.toString(), "BACKUP_RECIPIENT_CERT",
				certificate.toString());

		Path backups = this.tmp.resolve("backups");
		Deploy.Result backup = Deploy.run(repo, environment, Duration.ofMinutes(1), "bash", "deploy/backup.sh",
				"--dest", backups.toString());
		assertThat(backup.ok()).as(backup.output()).isTrue();
		assertThat(backup.output()).contains("ward station accounts");
		List<String> backupCalls = Files.readAllLines(calls);
		int stop = backupCalls.indexOf("compose stop grafana");
		int copy = indexOf(backupCalls, "--entrypoint tar grafana");
		int start = backupCalls.indexOf("compose start grafana");
		assertThat(stop).as("Grafana stopped, copied, started: " + backupCalls).isNotNegative().isLessThan(copy);
		assertThat(copy).isLessThan(start);
		assertThat(backupCalls)
			.anyMatch((call) -> call.startsWith("compose run --rm --no-deps -T --entrypoint tar ingest"));
		Path archive;
		try (Stream<Path> files = Files.list(backups)) {
			archive = files.findFirst().orElseThrow();
		}
		assertThat(archive.getFileName().toString()).endsWith(".tar.gz.cms");
		assertThat(Files.readAllBytes(archive)).asString().doesNotContain("alice", "ingest token");

		// the NUC died: empty volumes, another .env
		for (String service : List.of("influxdb", "grafana", "ingest", "emqx")) {
			delete(containers.resolve(service));
			Files.createDirectories(containers.resolve(service + "/tmp"));
		}
		// named volumes exist (empty) as soon as compose creates their containers
		for (String volume : List.of("influxdb/var/lib/influxdb2-tokens", "grafana/var/lib/grafana",
				"ingest/var/lib/ingest/accounts")) {
			Files.createDirectories(containers.resolve(volume));
		}
		Files.writeString(repo.resolve(".env"), "COMPOSE_PROJECT_NAME=other\n");
		Files.writeString(calls, "");

		Deploy.Result restore = Deploy.run(repo, environment, Duration.ofMinutes(1), "bash", "deploy/restore.sh",
				archive.toString(), "--key", key.toString());
		assertThat(restore.ok()).as(restore.output()).isTrue();
		volumes.forEach((path, content) -> assertThat(containers.resolve(path)).as(path).hasContent(content));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts))).isEqualTo("rw-------");
		assertThat(repo.resolve(".env")).content().contains("COMPOSE_PROJECT_NAME=ward7");
		assertThat(repo.resolve("deploy/secrets/tls/ca.key")).hasContent("the CA key");
		List<String> restoreCalls = Files.readAllLines(calls);
		assertThat(indexOf(restoreCalls, "compose stop ingest"))
			.isLessThan(indexOf(restoreCalls, "--entrypoint sh ingest"));
		assertThat(restoreCalls.get(restoreCalls.size() - 1)).isEqualTo("compose up -d");
	}

	private static void fill(Path root, Map<String, String> files) throws IOException {
		for (Map.Entry<String, String> file : files.entrySet()) {
			Path path = root.resolve(file.getKey());
			Files.createDirectories(path.getParent());
			Files.writeString(path, file.getValue());
		}
	}

	private static int indexOf(List<String> calls, String part) {
		for (int i = 0; i < calls.size(); i++) {
			if (calls.get(i).contains(part)) {
				return i;
			}
		}
		throw new AssertionError("no call with '" + part + "' in " + calls);
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
