package care.vitals.testsupport.containers;

import java.time.Duration;
import java.util.UUID;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Ready-to-start containers of the compose images. Each call returns a new, unstarted
 * container; declare it as a {@code @Container static} field in a test class annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
public final class ComposeContainers {

	/** EMQX MQTT listener (plain TCP) inside the container. */
	public static final int EMQX_MQTT_PORT = 1883;

	/** EMQX dashboard and REST API inside the container. */
	public static final int EMQX_DASHBOARD_PORT = 18083;

	/** InfluxDB HTTP API inside the container. */
	public static final int INFLUXDB_PORT = 8086;

	/** Grafana HTTP inside the container. */
	public static final int GRAFANA_PORT = 3000;

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

	private ComposeContainers() {
	}

	/**
	 * An EMQX 5 broker with anonymous access (the EMQX default), ready when
	 * {@code GET /api/v5/status} on the dashboard port returns 200.
	 * @return the container; MQTT URL {@code tcp://host:mappedPort(1883)}
	 */
	public static GenericContainer<?> emqx() {
		return new GenericContainer<>(ComposeImages.EMQX).withExposedPorts(EMQX_MQTT_PORT, EMQX_DASHBOARD_PORT)
			.waitingFor(Wait.forHttp("/api/v5/status")
				.forPort(EMQX_DASHBOARD_PORT)
				.forStatusCode(200)
				.withStartupTimeout(STARTUP_TIMEOUT));
	}

	/**
	 * An InfluxDB 2.7 server set up with a random organization, bucket, admin user,
	 * password and admin token (read them back with {@code getOrganization()},
	 * {@code getBucket()} and {@code getAdminToken()}).
	 * @return the container; URL from {@code getUrl()}
	 */
	public static InfluxDBContainer<?> influxDb2() {
		return new InfluxDBContainer<>(ComposeImages.INFLUXDB).withOrganization("org-" + random())
			.withBucket("bucket-" + random())
			.withUsername("admin-" + random())
			.withPassword(random() + random())
			.withAdminToken(random() + random())
			.withStartupTimeout(STARTUP_TIMEOUT);
	}

	/**
	 * A Grafana server with the given admin password and anonymous access off, ready when
	 * {@code GET /api/health} returns 200.
	 * @param adminPassword the password of the {@code admin} user
	 * @return the container
	 */
	public static GenericContainer<?> grafana(String adminPassword) {
		return new GenericContainer<>(ComposeImages.GRAFANA).withExposedPorts(GRAFANA_PORT)
			.withEnv("GF_SECURITY_ADMIN_PASSWORD", adminPassword)
			.withEnv("GF_AUTH_ANONYMOUS_ENABLED", "false")
			.withEnv("GF_ANALYTICS_REPORTING_ENABLED", "false")
			.waitingFor(Wait.forHttp("/api/health")
				.forPort(GRAFANA_PORT)
				.forStatusCode(200)
				.withStartupTimeout(STARTUP_TIMEOUT));
	}

	/**
	 * A random value for names and secrets.
	 * @return 32 hex characters
	 */
	public static String random() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
