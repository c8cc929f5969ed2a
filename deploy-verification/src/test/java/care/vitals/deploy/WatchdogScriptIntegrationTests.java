package care.vitals.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies {@code deploy/watchdog.sh}, which restarts the containers Docker reports
 * {@code unhealthy} (Docker's restart policy restarts only containers that exit). No
 * Docker engine runs here, so the script runs against a stand-in {@code docker} command
 * (a shell script) that answers {@code docker ps} with a given list and records every
 * {@code docker restart}: what is verified is the script's own logic (the filters it asks
 * Docker for, which containers it restarts, the cooldown, the exit status), and that the
 * systemd timer runs it every minute. On a Docker host, confirm once with a container
 * made unhealthy by hand (docs/operations.md, "Unhealthy containers").
 */
class WatchdogScriptIntegrationTests {

	@TempDir
	Path repo;

	private Path calls;

	private Path unhealthy;

	private Path state;

	private Map<String, String> environment;

	@BeforeEach
	void setUp() throws Exception {
		Deploy.scratchCopy(this.repo);
		Files.writeString(this.repo.resolve(".env"), "COMPOSE_PROJECT_NAME=ward7\n");
		this.calls = this.repo.resolve("docker-calls.txt");
		this.unhealthy = this.repo.resolve("unhealthy.txt");
		this.state = this.repo.resolve("watchdog-state");
		Files.writeString(this.calls, "");
		Path docker = this.repo.resolve("docker");
		Files.writeString(docker, """
				#!/bin/sh
				echo "$*" >>"%s"
				case $1 in
				  ps) cat "%s" ;;
				  restart) [ "$4" != "refuses" ] ;;
				esac
				""".formatted(this.calls, this.unhealthy));
		Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));
		this.environment = Map.of("DOCKER", docker.toString(), "WATCHDOG_STATE_DIR", this.state.toString());
	}

	@Test
	void restartsTheProjectsUnhealthyContainersOncePerCooldown() throws Exception {
		Files.writeString(this.unhealthy, "c0ffee01 ward7-ingest-1\nc0ffee02 ward7-emqx-1\n");
		Deploy.Result first = watchdog(this.environment);
		assertThat(first.ok()).as(first.output()).isTrue();
		assertThat(first.output()).contains("ward7-ingest-1 is unhealthy: restarting it",
				"ward7-emqx-1 is unhealthy: restarting it");
		assertThat(Files.readAllLines(this.calls)).containsExactly(
				"ps --filter label=com.docker.compose.project=ward7 --filter health=unhealthy --format {{.ID}} {{.Names}}",
				"restart --time 30 c0ffee01", "restart --time 30 c0ffee02");
		assertThat(this.state.resolve("ward7-ingest-1")).exists();

		// Still unhealthy a minute later: restarted already, it gets its start period.
		Files.writeString(this.calls, "");
		Deploy.Result second = watchdog(this.environment);
		assertThat(second.ok()).as(second.output()).isTrue();
		assertThat(second.output()).contains("ward7-ingest-1 is unhealthy; restarted", "waiting (cooldown 600 s)");
		assertThat(Files.readString(this.calls)).doesNotContain("restart");

		// After the cooldown it is restarted again.
		Files.writeString(this.calls, "");
		Deploy.Result later = watchdog(Map.of("DOCKER", this.environment.get("DOCKER"), "WATCHDOG_STATE_DIR",
				this.state.toString(), "WATCHDOG_COOLDOWN_SECONDS", "0"));
		assertThat(later.ok()).as(later.output()).isTrue();
		assertThat(Files.readAllLines(this.calls)).contains("restart --time 30 c0ffee01", "restart --time 30 c0ffee02");
	}

	@Test
	void healthyProjectIsLeftAloneAndAFailedRestartFailsTheUnit() throws Exception {
		Files.writeString(this.unhealthy, "");
		Deploy.Result quiet = watchdog(this.environment);
		assertThat(quiet.ok()).as(quiet.output()).isTrue();
		assertThat(quiet.output()).isEmpty();
		assertThat(Files.readString(this.calls)).doesNotContain("restart");

		Files.writeString(this.unhealthy, "refuses ward7-grafana-1\n");
		Deploy.Result failed = watchdog(this.environment);
		assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
		assertThat(failed.output()).contains("could not restart ward7-grafana-1");
		assertThat(this.state.resolve("ward7-grafana-1")).doesNotExist();
	}

	@Test
	void systemdTimerRunsTheWatchdogEveryMinute() throws Exception {
		Path systemd = Deploy.root().resolve("deploy/systemd");
		String service = Files.readString(systemd.resolve("vitals-watchdog.service"));
		assertThat(service).contains("\nType=oneshot\n", "\nExecStart=/opt/vitals/deploy/watchdog.sh\n",
				"\nRequires=docker.service\n");
		List<String> timer = Files.readAllLines(systemd.resolve("vitals-watchdog.timer"));
		assertThat(timer).contains("OnUnitActiveSec=1min", "WantedBy=timers.target");
	}

	private Deploy.Result watchdog(Map<String, String> env) {
		return Deploy.run(this.repo, env, Duration.ofSeconds(30), "bash", "deploy/watchdog.sh");
	}

}
