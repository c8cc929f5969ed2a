package care.vitals.publisher.mqtt;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker side: the control connection of the service account, the scheduler that
 * retries failed connections and the per-device accounts.
 */
@Configuration(proxyBeanMethods = false)
class MqttConfiguration {

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService mqttRetryScheduler() {
		return Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "mqtt-retry");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	ControlConnection controlConnection(MqttProperties properties, ScheduledExecutorService mqttRetryScheduler) {
		return new ControlConnection(properties, mqttRetryScheduler);
	}

	@Bean
	DeviceCredentials deviceCredentials(MqttProperties properties) {
		return DeviceCredentials.load(properties.credentialsFile(), properties.serviceAccount());
	}

	@Bean
	LinkFactory linkFactory(MqttProperties properties, DeviceCredentials deviceCredentials,
			ScheduledExecutorService mqttRetryScheduler) {
		return new LinkFactory(properties, deviceCredentials, mqttRetryScheduler);
	}

	@Bean
	BrokerHealthIndicator brokerHealthIndicator(ControlConnection controlConnection, MqttProperties properties) {
		return new BrokerHealthIndicator(controlConnection, properties);
	}

}
