package care.vitals.publisher.mqtt;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the connections of simulated devices (realistic mode: one per device, with its
 * own client id, account and Last Will) and of load generators (a few shared connections
 * with the service account).
 */
public class LinkFactory {

	/** Stack size of device connection threads; Paho's loops are shallow. */
	private static final long DEVICE_THREAD_STACK = 256 * 1024;

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
	 * @param threads the pool of the simulation's connections (see {@link #devicePool})
	 * @return the link, not yet connected
	 */
	public MqttLink device(String deviceId, OutboundMessage will, PublishCounters counters,
			ScheduledExecutorService threads) {
		return PahoLink.create(LinkSettings.of(this.properties, this.properties.effectiveDeviceUrl(), deviceId,
				this.credentials.forDevice(deviceId), will, 1000), counters, this.retries, threads);
	}

	/**
	 * Creates the thread pool the connections of one realistic simulation share: room for
	 * Paho's three long-running tasks per connection plus keep-alive pings, threads with
	 * small stacks that end after 30 idle seconds.
	 * @param name the name prefix of the threads
	 * @param connections how many connections will use it
	 * @return the pool; shut it down after closing the links
	 */
	public ScheduledExecutorService devicePool(String name, int connections) {
		AtomicInteger count = new AtomicInteger();
		ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(3 * connections + 32, (runnable) -> {
			Thread thread = new Thread(null, runnable, name + "-" + count.incrementAndGet(), DEVICE_THREAD_STACK);
			thread.setDaemon(true);
			return thread;
		});
		pool.setKeepAliveTime(30, TimeUnit.SECONDS);
		pool.allowCoreThreadTimeOut(true);
		pool.setRemoveOnCancelPolicy(true);
		return pool;
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
