package care.vitals.ingest.config;

import java.util.HashMap;
import java.util.Map;

import care.vitals.ingest.clinical.ClinicalProperties;
import care.vitals.ingest.mqtt.DecodeProperties;
import care.vitals.ingest.mqtt.MqttProperties;
import care.vitals.ingest.pipeline.BatchProperties;
import care.vitals.ingest.storage.InfluxProperties;
import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A setting out of range stops the start with the setting's name (and its environment
 * variable) in the message, as Spring Boot reports it.
 */
class ConfigurationPropertiesTests {

	private static final Map<String, String> MQTT = Map.of("ingest.mqtt.url", "tcp://localhost:1883",
			"ingest.mqtt.client-id", "ingest-1", "ingest.mqtt.session-expiry", "1h", "ingest.mqtt.keep-alive", "30s",
			"ingest.mqtt.receive-maximum", "65535", "ingest.mqtt.max-reconnect-delay", "30s",
			"ingest.mqtt.connection-timeout", "10s");

	@Test
	void bindsAValidConfiguration() {
		MqttProperties mqtt = bind(MQTT, "ingest.mqtt", MqttProperties.class);
		assertThat(mqtt.receiveMaximum()).isEqualTo(65535);
	}

	@Test
	void refusesABlankBrokerUrlNamingTheVariable() {
		assertThat(refusal(with(MQTT, "ingest.mqtt.url", " "), "ingest.mqtt", MqttProperties.class))
			.contains("MQTT_URL");
	}

	@Test
	void refusesAReceiveMaximumOutsideMqttsRange() {
		assertThat(refusal(with(MQTT, "ingest.mqtt.receive-maximum", "70000"), "ingest.mqtt", MqttProperties.class))
			.contains("receive-maximum must be 1-65535");
	}

	@Test
	void refusesAnEmptyQueueAndTooSmallPayloadLimit() {
		Map<String, String> batch = Map.of("ingest.batch.max-lines", "5000", "ingest.batch.max-delay", "50ms",
				"ingest.batch.queue-capacity", "0", "ingest.batch.queue-bytes", "16MB", "ingest.batch.initial-backoff",
				"100ms", "ingest.batch.max-backoff", "5s", "ingest.batch.attempts-before-spool", "3");
		assertThat(refusal(batch, "ingest.batch", BatchProperties.class)).contains("queue-capacity must be at least 1");
		Map<String, String> decode = Map.of("ingest.decode.max-payload-bytes", "10", "ingest.decode.max-records", "1",
				"ingest.decode.max-future-skew", "5m", "ingest.decode.max-age", "30d");
		assertThat(refusal(decode, "ingest.decode", DecodeProperties.class)).contains("max-payload-bytes");
	}

	@Test
	void refusesAnUnknownInfluxApiAndABlankUrl() {
		Map<String, String> influx = Map.of("ingest.influx.url", "http://influx:8086", "ingest.influx.api", "v1",
				"ingest.influx.timeout", "10s");
		assertThat(refusal(influx, "ingest.influx", InfluxProperties.class)).isNull();
		assertThat(refusal(with(influx, "ingest.influx.api", "v3"), "ingest.influx", InfluxProperties.class))
			.contains("v3");
		assertThat(refusal(with(influx, "ingest.influx.url", ""), "ingest.influx", InfluxProperties.class))
			.contains("INFLUX_URL");
	}

	@Test
	void theNoDataTimeoutIsAMinuteUnlessSetAndNeverBelowTenSeconds() {
		Map<String, String> clinical = Map.of("ingest.clinical.tick", "1s", "ingest.clinical.republish", "5m");
		assertThat(bind(clinical, "ingest.clinical", ClinicalProperties.class).alarmRules())
			.isEqualTo(AlarmRules.defaults());
		ClinicalProperties set = bind(with(clinical, "ingest.clinical.no-data-timeout", "15s"), "ingest.clinical",
				ClinicalProperties.class);
		assertThat(set.alarmRules().technical().noDataTimeout()).hasSeconds(15);
		assertThat(set.alarmRules().threshold(Parameter.SPO2))
			.isEqualTo(AlarmRules.defaults().threshold(Parameter.SPO2));
		assertThat(refusal(with(clinical, "ingest.clinical.no-data-timeout", "5s"), "ingest.clinical",
				ClinicalProperties.class))
			.contains("no-data-timeout must be between 10 s and 10 min");
	}

	private static Map<String, String> with(Map<String, String> base, String key, String value) {
		Map<String, String> changed = new HashMap<>(base);
		changed.put(key, value);
		return changed;
	}

	private static <T> T bind(Map<String, String> properties, String prefix, Class<T> type) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
	}

	/** The root cause's message, or null if it binds. */
	private static String refusal(Map<String, String> properties, String prefix, Class<?> type) {
		try {
			bind(properties, prefix, type);
			return null;
		}
		catch (BindException ex) {
			Throwable cause = ex;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			return cause.getMessage();
		}
	}

}
