package care.vitals.ingest.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the InfluxDB writer from {@code INFLUX_API}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	@Bean(destroyMethod = "close")
	LineProtocolWriter lineProtocolWriter(InfluxProperties properties) {
		return switch (properties.api()) {
			case V1 -> new V1LineProtocolWriter(properties);
			case V2 -> new V2LineProtocolWriter(properties);
		};
	}

}
