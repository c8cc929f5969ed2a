package care.vitals.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies, as configuration text, the path of the NUC's own clock offset into
 * {@code ops} (docs/operations.md, "Time"): Telegraf asks chronyd's command port on the
 * loopback address over UDP, which is the NUC's chronyd only because the container shares
 * the host's network, and writes into the database the Grafana rule
 * {@code nuc-clock-offset} reads (its query is run against a real InfluxDB by
 * grafana-verification's {@code ProvisionedQueriesIntegrationTests}). Neither Telegraf
 * nor chronyd runs on the build machine: that Telegraf really gets chronyd's tracking is
 * checked once on a NUC (docs/operations.md).
 */
class TelegrafChronyTests {

	@Test
	void telegrafAsksTheHostsChronydOverUdpAndWritesIntoOps() throws Exception {
		List<String> lines = telegrafConf();
		assertThat(section(lines, "[[inputs.chrony]]")).containsExactly("server = \"udp://127.0.0.1:323\"",
				"metrics = [\"tracking\"]", "timeout = \"3s\"");
		assertThat(section(lines, "[[outputs.influxdb]]")).contains("database = \"ops\"");

		Map<String, Object> compose = new Yaml().load(Files.readString(Deploy.root().resolve("docker-compose.yml")));
		@SuppressWarnings("unchecked")
		Map<String, Object> telegraf = (Map<String, Object>) ((Map<String, Object>) compose.get("services"))
			.get("telegraf");
		assertThat(telegraf).as("127.0.0.1:323 is the NUC's chronyd only on the host network")
			.containsEntry("network_mode", "host");
	}

	/** deploy/telegraf/telegraf.conf without comments, each line stripped. */
	static List<String> telegrafConf() throws IOException {
		return Deploy.contentLines(Deploy.root().resolve("deploy/telegraf/telegraf.conf"), "#")
			.stream()
			.map(String::strip)
			.toList();
	}

	/** The settings of one TOML table, up to the next table. */
	static List<String> section(List<String> lines, String header) {
		int start = lines.indexOf(header);
		assertThat(start).as(header).isNotNegative();
		int end = start + 1;
		while (end < lines.size() && !lines.get(end).startsWith("[")) {
			end++;
		}
		return lines.subList(start + 1, end);
	}

}
