package care.vitals.ingest.mqtt;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The ingest's MQTT 5 session. The client id is fixed and the session persistent (clean
 * start false, expiry &gt; 0) so that the broker keeps messages for it while it is down;
 * every instance needs its own client id.
 *
 * @param url broker URL, e.g. {@code ssl://emqx:8883} or {@code tcp://localhost:1883}
 * @param clientId fixed client id of this instance
 * @param username broker user (empty for none)
 * @param password broker password (empty for none)
 * @param sharedGroup when set, device topics are subscribed as {@code $share/<group>/...}
 * so several instances split the load
 * @param sessionExpiry how long the broker keeps the session while the ingest is away
 * @param keepAlive MQTT keep-alive interval
 * @param receiveMaximum unacknowledged QoS 1 messages the broker may send at once (MQTT 5
 * Receive Maximum, sent in CONNECT; Mosquitto 2.0 takes it instead of its own
 * {@code max_inflight_messages}); must cover rate × (batch delay + write latency), and
 * should equal the broker's window (EMQX {@code max_inflight}, docs/deployment.md)
 * @param maxReconnectDelay longest pause between reconnection attempts
 * @param connectionTimeout timeout of one connection attempt
 * @param stateSyncTimeout how long the device session waits at start for the retained
 * patient state (assignments, settings, staff observations)
 */
@ConfigurationProperties("ingest.mqtt")
public record MqttProperties(String url, String clientId, String username, String password, String sharedGroup,
		Duration sessionExpiry, Duration keepAlive, int receiveMaximum, Duration maxReconnectDelay,
		Duration connectionTimeout, Duration stateSyncTimeout) {

	public MqttProperties {
		Assert.hasText(url, "ingest.mqtt.url (MQTT_URL) must not be blank");
		Assert.hasText(clientId, "ingest.mqtt.client-id (MQTT_CLIENT_ID) must not be blank");
		Assert.notNull(sessionExpiry, "ingest.mqtt.session-expiry (MQTT_SESSION_EXPIRY) is required");
		Assert.notNull(keepAlive, "ingest.mqtt.keep-alive is required");
		Assert.isTrue(receiveMaximum >= 1 && receiveMaximum <= 65535,
				"ingest.mqtt.receive-maximum must be 1-65535, not " + receiveMaximum);
		Assert.notNull(maxReconnectDelay, "ingest.mqtt.max-reconnect-delay is required");
		Assert.notNull(connectionTimeout, "ingest.mqtt.connection-timeout is required");
		if (stateSyncTimeout == null) {
			stateSyncTimeout = Duration.ofSeconds(30);
		}
	}

	boolean shared() {
		return this.sharedGroup != null && !this.sharedGroup.isBlank();
	}

	boolean hasCredentials() {
		return this.username != null && !this.username.isBlank();
	}

}
