package care.vitals.ingest.mqtt;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
 * @param receiveMaximum unacknowledged QoS 1 messages the broker may send at once; must
 * cover rate × (batch delay + write latency)
 * @param maxReconnectDelay longest pause between reconnection attempts
 * @param connectionTimeout timeout of one connection attempt
 */
@Validated
@ConfigurationProperties("ingest.mqtt")
public record MqttProperties(@NotBlank String url, @NotBlank String clientId, String username, String password,
		String sharedGroup, @NotNull Duration sessionExpiry, @NotNull Duration keepAlive,
		@Min(1) @Max(65535) int receiveMaximum, @NotNull Duration maxReconnectDelay,
		@NotNull Duration connectionTimeout) {

	boolean shared() {
		return this.sharedGroup != null && !this.sharedGroup.isBlank();
	}

	boolean hasCredentials() {
		return this.username != null && !this.username.isBlank();
	}

}
