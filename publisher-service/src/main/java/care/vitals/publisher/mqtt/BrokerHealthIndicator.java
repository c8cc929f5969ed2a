package care.vitals.publisher.mqtt;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the broker connection: up while the control connection is connected.
 */
final class BrokerHealthIndicator implements HealthIndicator {

	private final ControlConnection connection;

	private final MqttProperties properties;

	BrokerHealthIndicator(ControlConnection connection, MqttProperties properties) {
		this.connection = connection;
		this.properties = properties;
	}

	@Override
	public Health health() {
		Health.Builder builder = this.connection.isConnected() ? Health.up() : Health.down();
		return builder.withDetail("url", this.properties.url())
			.withDetail("pendingRetained", this.connection.pendingCount())
			.build();
	}

}
