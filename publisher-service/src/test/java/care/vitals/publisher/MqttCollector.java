package care.vitals.publisher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 subscriber for tests: keeps every message (topic and payload as text) in
 * arrival order, per topic, or only counts them per topic.
 */
public final class MqttCollector implements MqttCallback, AutoCloseable {

	private final MqttClient client;

	private final boolean keep;

	private final List<String[]> messages = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private final AtomicLong total = new AtomicLong();

	private MqttCollector(String url, String clientId, boolean keep) throws MqttException {
		this.keep = keep;
		this.client = new MqttClient(url, clientId, new MemoryPersistence());
		this.client.setCallback(this);
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(true);
		options.setReceiveMaximum(65_535);
		this.client.connect(options);
	}

	/**
	 * Connects a collector that keeps every message.
	 * @param url broker URL
	 * @param filters topic filters, subscribed with QoS 1
	 * @return the collector
	 * @throws MqttException if it cannot connect
	 */
	public static MqttCollector keeping(String url, String... filters) throws MqttException {
		MqttCollector collector = new MqttCollector(url, "collector-" + System.nanoTime(), true);
		collector.subscribe(1, filters);
		return collector;
	}

	/**
	 * Connects a collector that only counts messages per topic.
	 * @param url broker URL
	 * @param qos subscription QoS
	 * @param filters topic filters
	 * @return the collector
	 * @throws MqttException if it cannot connect
	 */
	public static MqttCollector counting(String url, int qos, String... filters) throws MqttException {
		MqttCollector collector = new MqttCollector(url, "counter-" + System.nanoTime(), false);
		collector.subscribe(qos, filters);
		return collector;
	}

	private void subscribe(int qos, String... filters) throws MqttException {
		for (String filter : filters) {
			this.client.subscribe(filter, qos);
		}
	}

	/**
	 * Returns the payloads received on one topic, in order.
	 * @param topic the topic
	 * @return the payloads
	 */
	public List<String> payloads(String topic) {
		List<String> payloads = new ArrayList<>();
		for (String[] message : this.messages) {
			if (message[0].equals(topic)) {
				payloads.add(message[1]);
			}
		}
		return payloads;
	}

	/**
	 * Returns every message as {@code topic payload}, in order of arrival.
	 * @return the messages
	 */
	public List<String> lines() {
		return this.messages.stream().map((message) -> message[0] + " " + message[1]).toList();
	}

	/**
	 * Waits until the messages satisfy a condition.
	 * @param condition the condition on {@link #lines()}
	 * @param timeout how long to wait
	 * @return whether the condition became true
	 */
	public boolean await(Predicate<List<String>> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.test(lines())) {
				return true;
			}
			sleep(50);
		}
		return condition.test(lines());
	}

	/**
	 * Returns the counts per topic.
	 * @return topic to count
	 */
	public Map<String, AtomicLong> counts() {
		return this.counts;
	}

	/**
	 * Returns the number of messages received.
	 * @return the count
	 */
	public long total() {
		return this.total.get();
	}

	@Override
	public void close() throws MqttException {
		if (this.client.isConnected()) {
			this.client.disconnect();
		}
		this.client.close();
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		this.total.incrementAndGet();
		if (this.keep) {
			this.messages.add(new String[] { topic, new String(message.getPayload(), StandardCharsets.UTF_8) });
		}
		else {
			this.counts.computeIfAbsent(topic, (t) -> new AtomicLong()).incrementAndGet();
		}
	}

	@Override
	public void disconnected(MqttDisconnectResponse response) {
	}

	@Override
	public void mqttErrorOccurred(MqttException exception) {
	}

	@Override
	public void deliveryComplete(IMqttToken token) {
	}

	@Override
	public void connectComplete(boolean reconnect, String serverUri) {
	}

	@Override
	public void authPacketArrived(int reasonCode, MqttProperties properties) {
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
