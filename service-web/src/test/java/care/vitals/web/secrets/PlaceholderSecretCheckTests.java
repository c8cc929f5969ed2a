package care.vitals.web.secrets;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verifies which properties the start-up check judges, at which value, and what its
 * refusal says.
 */
class PlaceholderSecretCheckTests {

	@Test
	void judgesTheSecretPropertiesOfTheConfigurationAtTheValueTheyRead() {
		StandardEnvironment environment = environment(Map.of("MQTT_PASSWORD", "changeme", "INFLUX_TOKEN",
				"__GENERATED__", "GITHUB_TOKEN", "test", "MQTT_URL", "<set-me>"));
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml",
					Map.of("ingest.mqtt.password", "${MQTT_PASSWORD:}", "ingest.influx.token", "${INFLUX_TOKEN:}",
							"ingest.influx.password", "${INFLUX_PASSWORD:}", "ingest.admin.password",
							"a-real-admin-password", "ingest.mqtt.url", "${MQTT_URL:}", "ingest.missing.password",
							"${NOT_SET}", "server.servlet.session.cookie.same-site", "none")));

		assertThat(PlaceholderSecretCheck.refusedProperties(environment)).containsExactly("ingest.influx.token",
				"ingest.mqtt.password");
	}

	@Test
	void anEnvironmentVariableOverridingAKeyIsJudgedTooButTheJdksDefaultsAreNot() {
		StandardEnvironment environment = environment(Map.of("INGEST_ADMIN_PASSWORD", "Password"));
		System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
		try {
			environment.getPropertySources()
				.addLast(new MapPropertySource("application.yml", Map.of("ingest.admin.password", "")));
			assertThat(PlaceholderSecretCheck.refusedProperties(environment)).containsExactly("ingest.admin.password");
		}
		finally {
			System.clearProperty("javax.net.ssl.trustStorePassword");
		}
	}

	@Test
	void aConfigurationTreeFileIsJudgedByItsName() {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("Config tree '/run/credentials/vitals-ingest.service/'",
					Map.of("MQTT_PASSWORD", "xxxx", "MQTT_USERNAME", "ingest")));

		assertThat(PlaceholderSecretCheck.refusedProperties(environment)).containsExactly("MQTT_PASSWORD");
	}

	@Test
	void theRefusalNamesThePropertiesNeverTheValuesAndExitsWith78() {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml",
					Map.of("publisher.api.password", "changeme", "publisher.mqtt.password", "secret")));

		assertThatExceptionOfType(PlaceholderSecretException.class)
			.isThrownBy(() -> new PlaceholderSecretCheck()
				.onApplicationEvent(new org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent(null,
						new org.springframework.boot.SpringApplication(), new String[0], environment)))
			.satisfies((ex) -> {
				assertThat(ex.getExitCode()).isEqualTo(78);
				assertThat(ex.properties()).containsExactly("publisher.api.password", "publisher.mqtt.password");
				assertThat(ex.getMessage()).contains("publisher.api.password, publisher.mqtt.password")
					.doesNotContain("changeme")
					.doesNotContainIgnoringCase("secret\"");
			});
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

}
