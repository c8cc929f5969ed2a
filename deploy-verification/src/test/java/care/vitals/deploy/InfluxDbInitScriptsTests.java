package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the least privilege the InfluxDB 2.7 first-start scripts
 * ({@code deploy/influxdb/init/*.sh}, run in order as the image's entrypoint does) grant,
 * by running them against a stand-in {@code influx} CLI that records every call (no
 * InfluxDB 2.x runs without Docker here; {@code NucStackComposeIntegrationTests} checks
 * the real one on Docker hosts): the ingest's token writes {@code vitals_raw} and
 * {@code ops} and reads {@code vitals_raw} only (the audit trail); the v1 users get
 * exactly their buckets; a rerun of the token script replaces the token file and names
 * the older token instead of deleting it under the running ingest.
 */
class InfluxDbInitScriptsTests {

	/** Answers like influx 2.7: bucket ids by name, a token on auth create. */
	private static final String STUB = """
			#!/usr/bin/env bash
			printf '%s\\n' "$*" >>"$STUB_LOG"
			case "$1 $2" in
			  "bucket list")
			    while [[ $# -gt 0 ]]; do [[ $1 == --name ]] && name=$2; shift; done
			    printf 'id-%s\\t%s\\t720h0m0s\\n' "$name" "$name" ;;
			  "auth list") cat "$STUB_AUTHS" 2>/dev/null || true ;;
			  "auth create") printf '{\\n\\t"id": "new-id",\\n\\t"token": "token-%s",\\n\\t"status": "active"\\n}\\n' "$RANDOM" ;;
			esac
			""";

	@TempDir
	Path dir;

	@Test
	void ingestTokenWritesVitalsRawAndOpsOnlyAndV1UsersGetTheirBucketsOnly() throws Exception {
		List<String> calls = runInit(List.of("10-vitals.sh", "20-ingest-token.sh"));

		List<String> tokens = calls.stream().filter((call) -> call.startsWith("auth create")).toList();
		assertThat(tokens).hasSize(1);
		// read vitals_raw: the ward station's audit trail (docs/ward-station.md)
		assertThat(flags(tokens.get(0))).containsExactlyInAnyOrder("--write-bucket id-vitals_raw",
				"--write-bucket id-ops", "--read-bucket id-vitals_raw");
		assertThat(v1User(calls, "ingest")).containsExactlyInAnyOrder("--write-bucket id-vitals_raw",
				"--write-bucket id-ops", "--read-bucket id-vitals_raw");
		assertThat(v1User(calls, "telegraf")).containsExactly("--write-bucket id-ops");
		assertThat(v1User(calls, "grafana")).containsExactlyInAnyOrder("--read-bucket id-vitals_raw",
				"--read-bucket id-vitals_downsampled", "--read-bucket id-ops");

		Path token = this.dir.resolve("tokens/ingest.token");
		assertThat(Files.readString(token)).matches("token-\\d+\\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("r--r--r--");
		assertThat(this.dir.resolve("tokens/ingest.token.tmp")).doesNotExist();
	}

	@Test
	void rerunningTheTokenScriptReplacesTheTokenAndNamesTheOlderOne() throws Exception {
		runInit(List.of("10-vitals.sh", "20-ingest-token.sh"));
		String first = Files.readString(this.dir.resolve("tokens/ingest.token"));
		// What `influx auth list --hide-headers` shows on an installation of the previous
		// release: its ingest token (write vitals_raw only) and the operator token.
		Files.writeString(this.dir.resolve("auths.tsv"), """
				old-ingest\tingest-service: write vitals_raw\ttoken-old\tadmin\tu1\t[write:orgs/o/buckets/id-vitals_raw]
				operator\tadmin's Token\ttoken-admin\tadmin\tu1\t[read:/authorizations ...]
				""");
		Deploy.Result rerun = run("20-ingest-token.sh");
		assertThat(rerun.ok()).as(rerun.output()).isTrue();
		assertThat(rerun.output()).contains("older ingest token old-ingest").doesNotContain("operator");
		assertThat(Files.readString(this.dir.resolve("tokens/ingest.token"))).isNotEqualTo(first);
		assertThat(Files.readAllLines(this.dir.resolve("calls.log")))
			.noneMatch((call) -> call.startsWith("auth delete"));
	}

	private List<String> runInit(List<String> scripts) throws IOException {
		for (String script : scripts) {
			Deploy.Result result = run(script);
			assertThat(result.ok()).as(script + ": " + result.output()).isTrue();
		}
		return Files.readAllLines(this.dir.resolve("calls.log"));
	}

	private Deploy.Result run(String script) throws IOException {
		Path bin = Files.createDirectories(this.dir.resolve("bin"));
		Path influx = bin.resolve("influx");
		if (!Files.exists(influx)) {
			Files.writeString(influx, STUB);
			Files.setPosixFilePermissions(influx, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Map<String, String> environment = Map.of("PATH", bin + ":" + System.getenv("PATH"), "STUB_LOG",
				this.dir.resolve("calls.log").toString(), "STUB_AUTHS", this.dir.resolve("auths.tsv").toString(),
				"VITALS_TOKEN_DIR", this.dir.resolve("tokens").toString(), "DOCKER_INFLUXDB_INIT_ORG", "vitals",
				"DOCKER_INFLUXDB_INIT_BUCKET", "vitals_raw", "INFLUX_GRAFANA_PASSWORD", "g1",
				"INFLUX_TELEGRAF_PASSWORD", "t1", "INFLUX_INGEST_PASSWORD", "i1");
		return Deploy.run(Deploy.root(), environment, Duration.ofMinutes(1), "bash", "deploy/influxdb/init/" + script);
	}

	/** The permission flags of one CLI call, as "--flag value". */
	private static List<String> flags(String call) {
		List<String> words = Arrays.asList(call.split(" "));
		List<String> flags = new ArrayList<>();
		for (int i = 0; i < words.size() - 1; i++) {
			if (words.get(i).matches("--(read|write)-bucket|--all-access|--operator|--read-.*|--write-.*")) {
				flags.add(words.get(i) + " " + words.get(i + 1));
			}
		}
		return flags;
	}

	private static List<String> v1User(List<String> calls, String user) {
		List<String> created = calls.stream()
			.filter((call) -> call.startsWith("v1 auth create") && call.contains("--username " + user + " "))
			.toList();
		assertThat(created).as("v1 user " + user).hasSize(1);
		return flags(created.get(0));
	}

}
