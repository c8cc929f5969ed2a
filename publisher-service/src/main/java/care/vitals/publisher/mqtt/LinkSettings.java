package care.vitals.publisher.mqtt;

import java.time.Duration;

/**
 * Everything needed to open one connection.
 *
 * @param url the broker URL
 * @param clientId the client id
 * @param credentials the account
 * @param will the Last Will, or {@code null}
 * @param window most messages in flight before {@link MqttLink#publish} refuses more
 * @param keepAlive keep-alive interval
 * @param connectionTimeout connection timeout
 * @param maxReconnectDelay longest wait between reconnection attempts
 */
public record LinkSettings(String url, String clientId, Credentials credentials, OutboundMessage will, int window,
		Duration keepAlive, Duration connectionTimeout, Duration maxReconnectDelay) {

	/**
	 * Creates settings from the configuration.
	 * @param properties the MQTT configuration
	 * @param url the broker URL
	 * @param clientId the client id
	 * @param credentials the account
	 * @param will the Last Will, or {@code null}
	 * @param window the in-flight window
	 * @return the settings
	 */
	public static LinkSettings of(MqttProperties properties, String url, String clientId, Credentials credentials,
			OutboundMessage will, int window) {
		return new LinkSettings(url, clientId, credentials, will, window, properties.keepAlive(),
				properties.connectionTimeout(), properties.maxReconnectDelay());
	}

}
