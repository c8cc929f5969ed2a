package care.vitals.publisher.mqtt;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the publisher reaches the broker.
 *
 * @param url broker URL of the service account ({@code MQTT_URL})
 * @param username service account user name ({@code MQTT_USERNAME}), may be empty for an
 * anonymous broker
 * @param password service account password ({@code MQTT_PASSWORD})
 * @param clientId client id of the control connection (assignments, health)
 * @param deviceUrl broker URL simulated devices connect to in realistic mode; empty: the
 * service URL
 * @param credentialsFile CSV of {@code device_id,password} (the format of
 * {@code deploy/secrets/devices/passwords.csv}); a listed device connects as itself, any
 * other with the service account. Empty: none
 * @param keepAlive MQTT keep-alive of every connection
 * @param connectionTimeout how long a connection attempt may take
 * @param maxReconnectDelay longest wait between reconnection attempts
 * @param connectConcurrency most device connections opened at the same time
 */
@Validated
@ConfigurationProperties("publisher.mqtt")
public record MqttProperties(@NotBlank String url, String username, String password, @NotBlank String clientId,
		String deviceUrl, Path credentialsFile, @NotNull Duration keepAlive, @NotNull Duration connectionTimeout,
		@NotNull Duration maxReconnectDelay, @Positive int connectConcurrency) {

	/**
	 * Returns the URL devices connect to.
	 * @return the device URL, or the service URL if none is set
	 */
	public String effectiveDeviceUrl() {
		return (this.deviceUrl != null && !this.deviceUrl.isBlank()) ? this.deviceUrl : this.url;
	}

	/**
	 * Returns the service account.
	 * @return the credentials, user name {@code null} if anonymous
	 */
	public Credentials serviceAccount() {
		boolean anonymous = this.username == null || this.username.isBlank();
		return new Credentials(anonymous ? null : this.username, anonymous ? null : this.password);
	}

}
