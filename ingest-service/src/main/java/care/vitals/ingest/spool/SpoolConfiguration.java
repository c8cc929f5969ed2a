package care.vitals.ingest.spool;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SpoolConfiguration {

	@Bean(destroyMethod = "close")
	Spool spool(SpoolProperties properties) {
		return new Spool(properties.dir(), properties.budget().toBytes(), properties.segmentSize().toBytes());
	}

}
