package care.vitals.ingest.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Where readings are written. {@code api=v2} uses {@code /api/v2/write} (InfluxDB 2.x,
 * 1.8+, 3.x, VictoriaMetrics) with token, org and bucket; {@code api=v1} uses the 1.x
 * {@code /write} endpoint with database, retention policy, user and password.
 *
 * @param url base URL of the InfluxDB HTTP API
 * @param api which write API to use
 * @param token v2 API token (empty for none)
 * @param org v2 organisation
 * @param bucket v2 bucket for readings
 * @param database v1 database
 * @param retentionPolicy v1 retention policy (empty for the database default)
 * @param username v1 user (empty for none)
 * @param password v1 password (empty for none)
 * @param timeout connect and read timeout of one write request
 */
@ConfigurationProperties("ingest.influx")
public record InfluxProperties(String url, Api api, String token, String org, String bucket, String database,
		String retentionPolicy, String username, String password, Duration timeout) {

	public InfluxProperties {
		Assert.hasText(url, "ingest.influx.url (INFLUX_URL) must not be blank");
		Assert.notNull(api, "ingest.influx.api (INFLUX_API) must be v1 or v2");
		Assert.notNull(timeout, "ingest.influx.timeout is required");
	}

	/** The two write APIs. */
	public enum Api {

		/** {@code /api/v2/write} through influxdb-client-java. */
		V2,
		/** The InfluxDB 1.x {@code /write} endpoint. */
		V1

	}

}
