package care.vitals.ingest.patient;

import care.vitals.ingest.clinical.ClinicalProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The owners of patient truth that need settings.
 */
@Configuration(proxyBeanMethods = false)
class PatientConfiguration {

	@Bean
	DeviceClocks deviceClocks(ClinicalProperties clinical) {
		return new DeviceClocks(clinical.clockTolerance(), clinical.clockWindow());
	}

}
