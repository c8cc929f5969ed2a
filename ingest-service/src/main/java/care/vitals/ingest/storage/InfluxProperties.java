package care.vitals.ingest.storage;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("ingest.influx")
public record InfluxProperties(@NotBlank String url, @NotNull Api api, String token, String org, String bucket,
		String database, String retentionPolicy, String username, String password, @NotNull Duration timeout) {

	/** The two write APIs. */
	public enum Api {

		/** {@code /api/v2/write} through influxdb-client-java. */
		V2,
		/** The InfluxDB 1.x {@code /write} endpoint. */
		V1

	}

}
