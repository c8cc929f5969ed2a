package care.vitals.ingest.mqtt;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.integration.mqtt.event.MqttConnectionFailedEvent;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.event.MqttSubscribedEvent;
import org.springframework.stereotype.Component;

/**
 * Broker connection of the inbound adapter, followed through Spring Integration's MQTT
 * events: UP once subscribed, DOWN after a connection failure until subscribed again.
 */
@Component
class MqttHealthIndicator implements HealthIndicator {

	private final MqttProperties properties;

	private final Clock clock;

	private volatile boolean subscribed;

	private volatile boolean stateConnected;

	private volatile String lastFailure;

	private volatile Instant since;

	private final PatientStateSync sync;

	MqttHealthIndicator(MqttProperties properties, Clock clock, PatientStateSync sync) {
		this.sync = sync;
		this.properties = properties;
		this.clock = clock;
		this.since = Instant.now(clock);
	}

	@EventListener
	void subscribed(MqttSubscribedEvent event) {
		if (!isDeviceSession(event.getSource())) {
			return;
		}
		this.subscribed = true;
		this.since = Instant.now(this.clock);
	}

	@EventListener
	void failed(MqttConnectionFailedEvent event) {
		if (!isDeviceSession(event.getSource())) {
			return;
		}
		this.subscribed = false;
		this.since = Instant.now(this.clock);
		this.lastFailure = (event.getCause() != null) ? event.getCause().getMessage() : "connection lost";
	}

	private static boolean isDeviceSession(Object source) {
		return source instanceof Mqttv5PahoMessageDrivenChannelAdapter && !(source instanceof PatientStateAdapter);
	}

	@EventListener
	void stateSubscribed(MqttSubscribedEvent event) {
		if (event.getSource() instanceof PatientStateAdapter) {
			this.stateConnected = true;
		}
	}

	@EventListener
	void stateFailed(MqttConnectionFailedEvent event) {
		if (event.getSource() instanceof PatientStateAdapter) {
			this.stateConnected = false;
		}
	}

	/**
	 * UP only while the device session is subscribed, the patient state session is
	 * connected (without it, transfers and settings would stop arriving while readings
	 * flow) and the patient state was restored at start.
	 */
	@Override
	public Health health() {
		boolean up = this.subscribed && this.stateConnected && this.sync.isSynced();
		Health.Builder health = up ? Health.up() : Health.down();
		health.withDetail("broker", this.properties.url())
			.withDetail("clientId", this.properties.clientId())
			.withDetail("since", this.since.toString())
			.withDetail("patientStateConnected", this.stateConnected)
			.withDetail("patientStateSynced", this.sync.isSynced());
		if (!this.subscribed && this.lastFailure != null) {
			health.withDetail("lastFailure", this.lastFailure);
		}
		return health.build();
	}

}
