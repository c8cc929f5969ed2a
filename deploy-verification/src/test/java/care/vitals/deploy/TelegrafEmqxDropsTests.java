package care.vitals.deploy;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies, as configuration text, the path of EMQX's drop counters into {@code ops}
 * (docs/operations.md, "Broker dropped readings"): Telegraf scrapes EMQX's Prometheus
 * endpoint in its default mode {@code node} (no labels) with {@code metric_version = 2}
 * and {@code name_prefix = "emqx_"}, which makes the measurement {@code emqx_prometheus}
 * with one field per EMQX metric, the shape the Grafana rule
 * {@code broker-dropped-messages} reads (its query runs on a real InfluxDB with points of
 * that shape in grafana-verification's {@code ProvisionedQueriesIntegrationTests}).
 * Neither Telegraf nor EMQX runs on the build machine: the metric names are EMQX 5.8's
 * ({@code apps/emqx_prometheus/src/emqx_prometheus.erl}, {@code delivery_metric_meta}).
 */
class TelegrafEmqxDropsTests {

	@Test
	void telegrafScrapesEmqxIntoTheMeasurementAndFieldsTheRuleReads() throws Exception {
		List<String> lines = TelegrafChronyTests.telegrafConf();
		assertThat(TelegrafChronyTests.section(lines, "[[inputs.prometheus]]")).contains(
				"urls = [\"http://127.0.0.1:18083/api/v5/prometheus/stats\"]", "metric_version = 2",
				"name_prefix = \"emqx_\"");
		assertThat(lines).as("the Mosquitto poll belongs to the install without Docker only")
			.noneMatch((line) -> line.contains("mosquitto_sub"));

		String rules = Files.readString(Deploy.root().resolve("grafana/provisioning/alerting/rules.yaml"));
		assertThat(rules).contains("FROM \\\"emqx_prometheus\\\"", "\\\"emqx_delivery_dropped_queue_full\\\"",
				"\\\"emqx_delivery_dropped_expired\\\"", "\\\"emqx_delivery_dropped_too_large\\\"",
				"FROM \\\"mosquitto\\\"");
		assertThat(rules).as("drops without subscribers are not lost readings")
			.doesNotContain("emqx_messages_dropped_no_subscribers", "\\\"emqx_delivery_dropped\\\"");
	}

}
