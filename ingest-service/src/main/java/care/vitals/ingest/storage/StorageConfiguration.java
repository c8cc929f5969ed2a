package care.vitals.ingest.storage;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the InfluxDB writer from {@code INFLUX_API}, and reads back for the audit
 * trail.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	@Bean(destroyMethod = "close")
	LineProtocolWriter lineProtocolWriter(InfluxProperties properties) {
		return switch (properties.api()) {
			case V1 -> new V1LineProtocolWriter(properties);
			case V2 -> new V2LineProtocolWriter(properties);
		};
	}

	/**
	 * The audit trail's reads: at most 3 s (or the write timeout if shorter), since a
	 * page waits for them.
	 */
	@Bean
	InfluxQlReader influxQlReader(InfluxProperties properties) {
		Duration timeout = (properties.timeout().compareTo(READ_TIMEOUT) < 0) ? properties.timeout() : READ_TIMEOUT;
		return new InfluxQlReader(properties, timeout);
	}

}
