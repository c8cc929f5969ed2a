package care.vitals.deploy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import care.vitals.testsupport.InfluxDb1Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the scripts of the install without Docker against the real Debian InfluxDB
 * 1.x: {@code backup.sh --influx-v1} and {@code restore.sh --influx-v1} bring written
 * points back after the database is wiped (and the backed-up configuration files, the
 * ward station's accounts file with its mode and Grafana's database with
 * {@code --with-files}), the archive is encrypted to a certificate whose private key the
 * NUC never holds (and only that key restores it), private, and old archives are pruned;
 * a backup without a certificate refuses unless asked for in clear; and
 * {@code influxdb-v1-setup.sh} creates the InfluxQL names the dashboards use.
 */
class InfluxDbV1BackupRestoreIntegrationTests {

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path tmp;

	@Test
	void backupWipeRestoreBringsThePointsAndFilesBack() throws Exception {
		influx.createDatabase("vitals");
		long start = Instant.parse("2026-11-27T18:00:00Z").toEpochMilli() * 1_000_000;
		String points = IntStream.range(0, 500)
			.mapToObj((i) -> "vitals,device=mon-" + (i % 5) + ",patient=p" + (i % 5) + " heart_rate=" + (60 + i % 40)
					+ ",spo2=97 " + (start + i * 1_000_000_000L))
			.collect(Collectors.joining("\n"));
		influx.write("vitals", points);
		assertThat(influx.count("vitals", "SELECT count(heart_rate) FROM vitals")).isEqualTo(500);

		Path etc = Files.createDirectories(this.tmp.resolve("etc/vitals"));
		Files.writeString(etc.resolve("ingest.env"), "MQTT_URL=tcp://127.0.0.1:1883\n");
		// a SQLite database in use (like Grafana's): copied with sqlite3's online backup
		Path grafanaDb = etc.resolve("grafana.db");
		assertThat(Deploy
			.run(etc, "sqlite3", grafanaDb.toString(),
					"CREATE TABLE dashboard(title TEXT); INSERT INTO dashboard VALUES ('ward overview');")
			.ok()).isTrue();
		// the ward station's personal accounts (bcrypt hashes), mode 600 like
		// AccountStore's
		Path accounts = Files.createDirectories(this.tmp.resolve("var/lib/vitals-ingest")).resolve("accounts.json");
		String accountsJson = "{\"accounts\":[{\"username\":\"alice\",\"password\":\"{bcrypt}$2a$10$"
				+ "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\",\"roles\":[\"nurse\"],\"enabled\":true}]}";
		Files.writeString(accounts, accountsJson);
		Files.setPosixFilePermissions(accounts, PosixFilePermissions.fromString("rw-------"));
		Path backups = Files.createDirectories(this.tmp.resolve("backups"));
		Path old = backups.resolve("vitals-backup-20000101T000000Z.tar.gz");
		Files.writeString(old, "old");
		Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

		// made off the NUC: the NUC gets the certificate only
		Path offNuc = Files.createDirectories(this.tmp.resolve("off-nuc"));
		Path key = offNuc.resolve("backup-key.pem");
		Path certificate = this.tmp.resolve("backup-recipient.pem");
		keyPair(key, certificate);
		Path otherKey = offNuc.resolve("other-key.pem");
		keyPair(otherKey, offNuc.resolve("other-cert.pem"));

		Map<String, String> environment = Map.of("INFLUX_V1_BACKUP_ADDR", "127.0.0.1:" + influx.rpcPort(),
				"BACKUP_V1_PATHS", etc.resolve("ingest.env") + " " + accounts + " " + grafanaDb,
				"BACKUP_RECIPIENT_CERT", certificate.toString());
		Deploy.Result backup = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash", "deploy/backup.sh",
				"--influx-v1", "--dest", backups.toString(), "--retention-days", "14");
		assertThat(backup.ok()).as(backup.output()).isTrue();
		List<Path> archives;
		try (Stream<Path> files = Files.list(backups)) {
			archives = files.toList();
		}
		assertThat(backup.output()).contains("SQLite snapshots: " + grafanaDb.toString().substring(1));
		assertThat(archives).hasSize(1).doesNotContain(old);
		Path archive = archives.get(0);
		assertThat(archive.getFileName().toString()).matches("vitals-backup-\\d{8}T\\d{6}Z\\.tar\\.gz\\.cms");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
		assertThat(Deploy.run(this.tmp, "tar", "-tzf", archive.toString()).ok()).as("not a plain tar.gz").isFalse();

		post("DROP DATABASE vitals");
		Files.delete(etc.resolve("ingest.env"));
		Files.delete(grafanaDb);
		Files.delete(accounts);
		assertThat(influx.query("", "SHOW DATABASES")).doesNotContain("\"vitals\"");

		Deploy.Result withoutKey = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash",
				"deploy/restore.sh", "--influx-v1", archive.toString(), "--with-files");
		assertThat(withoutKey.exitCode()).isEqualTo(2);
		assertThat(withoutKey.output()).contains("is encrypted", "--key");
		Deploy.Result wrongKey = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash",
				"deploy/restore.sh", "--influx-v1", archive.toString(), "--with-files", "--key", otherKey.toString());
		assertThat(wrongKey.exitCode()).isEqualTo(2);
		assertThat(wrongKey.output()).contains("cannot decrypt");
		assertThat(influx.query("", "SHOW DATABASES")).doesNotContain("\"vitals\"");

		Deploy.Result restore = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash",
				"deploy/restore.sh", "--influx-v1", archive.toString(), "--with-files", "--key", key.toString());
		assertThat(restore.ok()).as(restore.output()).isTrue();
		assertThat(influx.count("vitals", "SELECT count(heart_rate) FROM vitals")).isEqualTo(500);
		assertThat(influx.count("vitals", "SELECT count(heart_rate) FROM vitals WHERE device = 'mon-3'"))
			.isEqualTo(100);
		assertThat(etc.resolve("ingest.env")).hasContent("MQTT_URL=tcp://127.0.0.1:1883");
		assertThat(Deploy.run(etc, "sqlite3", grafanaDb.toString(), "SELECT title FROM dashboard;").output())
			.contains("ward overview");
		assertThat(accounts).hasContent(accountsJson);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts))).isEqualTo("rw-------");
	}

	@Test
	void backupRefusesToRunWithoutACertificateUnlessAskedForInClear() throws Exception {
		influx.createDatabase("vitals");
		Path backups = Files.createDirectories(this.tmp.resolve("backups"));
		Map<String, String> environment = Map.of("INFLUX_V1_BACKUP_ADDR", "127.0.0.1:" + influx.rpcPort(),
				"BACKUP_V1_PATHS", this.tmp.resolve("nothing").toString());
		Deploy.Result refused = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash",
				"deploy/backup.sh", "--influx-v1", "--dest", backups.toString());
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.output()).contains("no backup certificate", "--unencrypted");

		Path key = this.tmp.resolve("key.pem");
		Path certificate = this.tmp.resolve("cert.pem");
		keyPair(key, certificate);
		Path both = this.tmp.resolve("both.pem");
		Files.writeString(both, Files.readString(certificate) + Files.readString(key));
		Deploy.Result withKey = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash",
				"deploy/backup.sh", "--influx-v1", "--dest", backups.toString(), "--recipient", both.toString());
		assertThat(withKey.exitCode()).isEqualTo(2);
		assertThat(withKey.output()).contains("private key");

		Deploy.Result clear = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash", "deploy/backup.sh",
				"--influx-v1", "--dest", backups.toString(), "--unencrypted");
		assertThat(clear.ok()).as(clear.output()).isTrue();
		try (Stream<Path> files = Files.list(backups)) {
			assertThat(files.map((file) -> file.getFileName().toString())).singleElement()
				.asString()
				.endsWith(".tar.gz");
		}
	}

	private void keyPair(Path key, Path certificate) {
		Deploy.Result made = Deploy.run(this.tmp, Map.of(), Duration.ofMinutes(1), "openssl", "req", "-x509", "-newkey",
				"rsa:3072", "-nodes", "-days", "3650", "-subj", "/CN=vitals-backup", "-keyout", key.toString(), "-out",
				certificate.toString());
		assertThat(made.ok()).as(made.output()).isTrue();
	}

	@Test
	void restoreRefusesAnArchiveOfTheOtherMode() throws Exception {
		Path fake = this.tmp.resolve("fake");
		Files.createDirectories(fake);
		Files.writeString(fake.resolve("MANIFEST"), "mode=docker\n");
		Path archive = this.tmp.resolve("vitals-backup-docker.tar.gz");
		assertThat(Deploy.run(fake, "tar", "-czf", archive.toString(), ".").ok()).isTrue();
		Deploy.Result restore = Deploy.run(Deploy.root(), "bash", "deploy/restore.sh", "--influx-v1",
				archive.toString());
		assertThat(restore.exitCode()).isEqualTo(2);
		assertThat(restore.output()).contains("not made in v1 mode");
	}

	@Test
	void setupScriptCreatesTheInfluxQlNamesOfTheDockerInstall() throws Exception {
		Map<String, String> environment = Map.of("INFLUX_URL", influx.url(), "INFLUX_ADMIN_PASSWORD", "a1",
				"INFLUX_INGEST_PASSWORD", "i1", "INFLUX_GRAFANA_PASSWORD", "g1", "INFLUX_TELEGRAF_PASSWORD", "t1");
		for (int run = 0; run < 2; run++) {
			Deploy.Result setup = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash",
					"deploy/systemd/influxdb-v1-setup.sh");
			assertThat(setup.ok()).as(setup.output()).isTrue();
		}
		assertThat(influx.query("vitals", "SHOW RETENTION POLICIES ON vitals")).contains("[\"raw\",\"720h0m0s\"",
				"[\"downsampled\",\"17520h0m0s\"");
		assertThat(influx.query("vitals", "SHOW RETENTION POLICIES ON vitals"))
			.containsPattern("\"raw\",[^\\]]*true\\]");
		assertThat(influx.query("ops", "SHOW RETENTION POLICIES ON ops")).contains("[\"autogen\",\"720h0m0s\"");
		assertThat(influx.query("", "SHOW CONTINUOUS QUERIES")).contains("cq_vitals_1m",
				"INTO vitals.downsampled.vitals");
		assertThat(influx.query("", "SHOW USERS")).contains("\"admin\",true", "\"ingest\",false", "\"grafana\",false",
				"\"telegraf\",false");
		assertThat(influx.query("", "SHOW GRANTS FOR grafana")).contains("[\"vitals\",\"READ\"]", "[\"ops\",\"READ\"]");
		assertThat(influx.query("", "SHOW GRANTS FOR ingest")).contains("[\"vitals\",\"ALL PRIVILEGES\"]");
	}

	/**
	 * The InfluxDB 1.x users of the install without Docker never get a placeholder or a
	 * well-known password: the script refuses before it creates anything.
	 */
	@Test
	void setupScriptRefusesAPlaceholderOrDefaultPasswordAndCreatesNothing() throws Exception {
		post("DROP DATABASE ops");
		for (String value : List.of("__GENERATED__", "changeme")) {
			Map<String, String> environment = Map.of("INFLUX_URL", influx.url(), "INFLUX_ADMIN_PASSWORD", "a1",
					"INFLUX_INGEST_PASSWORD", value, "INFLUX_GRAFANA_PASSWORD", "g1", "INFLUX_TELEGRAF_PASSWORD", "t1");
			Deploy.Result setup = Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash",
					"deploy/systemd/influxdb-v1-setup.sh");
			assertThat(setup.exitCode()).as(setup.output()).isEqualTo(2);
			assertThat(setup.output()).contains("INFLUX_INGEST_PASSWORD");
		}
		assertThat(influx.query("", "SHOW DATABASES")).doesNotContain("\"ops\"");
	}

	/**
	 * The README's run without Docker creates the database the ingest writes to (before,
	 * the ingest spooled everything into a database that did not exist): its command, as
	 * printed, against the real InfluxDB 1.x.
	 */
	@Test
	void theReadmesRunWithoutDockerCreatesTheDatabaseOfTheIngest() throws Exception {
		String readme = Files.readString(Deploy.root().resolve("README.md"));
		String section = readme.substring(readme.indexOf("## Run without Docker"));
		int start = section.indexOf("curl -sS -XPOST http://localhost:8086/query");
		assertThat(start).as("the README creates the database").isNotNegative();
		String command = section.substring(start, section.indexOf("\n./mvnw", start))
			.replace("http://localhost:8086", influx.url());
		assertThat(command).contains("CREATE DATABASE vitals");
		post("DROP DATABASE vitals");
		Deploy.Result created = Deploy.run(this.tmp, Map.of(), Duration.ofMinutes(1), "bash", "-c", command);
		assertThat(created.ok()).as(created.output()).isTrue();
		assertThat(influx.query("vitals", "SHOW RETENTION POLICIES ON vitals"))
			.containsPattern("\"raw\",[^\\]]*true\\]");
	}

	private void post(String influxql) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create(influx.url() + "/query?q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
