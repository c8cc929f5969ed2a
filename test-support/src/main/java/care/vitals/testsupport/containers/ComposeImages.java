package care.vitals.testsupport.containers;

import org.testcontainers.utility.DockerImageName;

/**
 * The container images of the compose stack, pinned in one place. Keep them equal to the
 * tags in the deploy compose file.
 */
public final class ComposeImages {

	/** EMQX 5 open-source broker: MQTT 1883, dashboard and REST API 18083. */
	public static final DockerImageName EMQX = DockerImageName.parse("emqx/emqx:5.8.6");

	/** InfluxDB 2.7 OSS: HTTP API 8086. */
	public static final DockerImageName INFLUXDB = DockerImageName.parse("influxdb:2.7.12-alpine");

	/**
	 * Grafana OSS: HTTP 3000. 11.6.14 is past the fixes for CVE-2025-4123 and
	 * CVE-2025-6023 (docs/security.md).
	 */
	public static final DockerImageName GRAFANA = DockerImageName.parse("grafana/grafana-oss:11.6.14");

	/** Telegraf for host metrics of the NUC. */
	public static final DockerImageName TELEGRAF = DockerImageName.parse("telegraf:1.34.3-alpine");

	private ComposeImages() {
	}

}
