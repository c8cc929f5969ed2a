package care.vitals.publisher.mqtt;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Opens the connections of simulated devices (realistic mode: one per device, with its
 * own client id, account and Last Will) and of load generators (a few shared connections
 * with the service account).
 */
public class LinkFactory {

	private final MqttProperties properties;

	private final DeviceCredentials credentials;

	private final ScheduledExecutorService retries;

	/**
	 * Creates a factory.
	 * @param properties the MQTT configuration
	 * @param credentials the per-device accounts
	 * @param retries the scheduler for connection retries
	 */
	public LinkFactory(MqttProperties properties, DeviceCredentials credentials, ScheduledExecutorService retries) {
		this.properties = properties;
		this.credentials = credentials;
		this.retries = retries;
	}

	/**
	 * Creates the connection of one device.
	 * @param deviceId the device id, also its client id
	 * @param will the device's Last Will (its offline status)
	 * @param counters where to count publications
	 * @return the link, not yet connected
	 */
	public MqttLink device(String deviceId, OutboundMessage will, PublishCounters counters) {
		return PahoLink.create(LinkSettings.of(this.properties, this.properties.effectiveDeviceUrl(), deviceId,
				this.credentials.forDevice(deviceId), will, 1000), counters, this.retries);
	}

	/**
	 * Creates one shared connection of a load generator.
	 * @param clientId the client id
	 * @param window most messages in flight
	 * @param counters where to count publications
	 * @return the link, not yet connected
	 */
	public MqttLink shared(String clientId, int window, PublishCounters counters) {
		return PahoLink.create(LinkSettings.of(this.properties, this.properties.url(), clientId,
				this.properties.serviceAccount(), null, window), counters, this.retries);
	}

	/**
	 * Returns how many connections may be opening at the same time.
	 * @return the limit
	 */
	public int connectConcurrency() {
		return this.properties.connectConcurrency();
	}

}
