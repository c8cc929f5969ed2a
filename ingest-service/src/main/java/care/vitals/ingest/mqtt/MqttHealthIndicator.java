package care.vitals.ingest.mqtt;

import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
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

	private volatile boolean clinicalConnected;

	private volatile String lastFailure;

	private volatile Instant since;

	private final PatientStateSync sync;

	private final ObjectProvider<ClinicalLease> lease;

	MqttHealthIndicator(MqttProperties properties, Clock clock, PatientStateSync sync,
			ObjectProvider<ClinicalLease> lease) {
		this.lease = lease;
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
		return source instanceof Mqttv5PahoMessageDrivenChannelAdapter && !(source instanceof PatientStateAdapter)
				&& !(source instanceof ClinicalMessagesAdapter);
	}

	@EventListener
	void clinicalSubscribed(MqttSubscribedEvent event) {
		if (event.getSource() instanceof ClinicalMessagesAdapter) {
			this.clinicalConnected = true;
		}
	}

	@EventListener
	void clinicalFailed(MqttConnectionFailedEvent event) {
		if (event.getSource() instanceof ClinicalMessagesAdapter) {
			this.clinicalConnected = false;
		}
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
	 * flow) and the patient state was restored at start; with several instances, also
	 * while the clinical session is subscribed (the role, owner or standby, is a detail).
	 */
	@Override
	public Health health() {
		ClinicalLease clinical = this.lease.getIfAvailable();
		boolean up = this.subscribed && this.stateConnected && this.sync.isSynced()
				&& (clinical == null || this.clinicalConnected);
		Health.Builder health = up ? Health.up() : Health.down();
		health.withDetail("broker", this.properties.url())
			.withDetail("clientId", this.properties.clientId())
			.withDetail("since", this.since.toString())
			.withDetail("patientStateConnected", this.stateConnected)
			.withDetail("patientStateSynced", this.sync.isSynced());
		if (clinical != null) {
			health.withDetail("clinicalSessionConnected", this.clinicalConnected)
				.withDetail("clinicalRole", clinical.role().name().toLowerCase(java.util.Locale.ROOT))
				.withDetail("clinicalOwner", String.valueOf(clinical.holder()));
		}
		if (!this.subscribed && this.lastFailure != null) {
			health.withDetail("lastFailure", this.lastFailure);
		}
		return health.build();
	}

}
