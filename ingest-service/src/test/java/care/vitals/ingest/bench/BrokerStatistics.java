package care.vitals.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Mosquitto's own counters ({@code $SYS}, every 10 s): messages it dropped because a
 * subscriber's queue was full, and messages it holds. A reading the broker acknowledged
 * to its device and then dropped never reached the ingest: the benchmark tells such
 * losses from the ingest's own.
 */
final class BrokerStatistics implements AutoCloseable {

	static final String DROPPED = "$SYS/broker/publish/messages/dropped";

	static final String STORED = "$SYS/broker/store/messages/count";

	private final Map<String, Long> values = new ConcurrentHashMap<>();

	private final MqttClient client;

	BrokerStatistics(String brokerUrl) throws MqttException {
		this.client = new MqttClient(brokerUrl, "bench-sys", new MemoryPersistence());
		this.client.connect();
		this.client.subscribe(
				new MqttSubscription[] { new MqttSubscription(DROPPED, 0), new MqttSubscription(STORED, 0) },
				new IMqttMessageListener[] { this::record, this::record });
	}

	private void record(String topic, MqttMessage message) {
		this.values.put(topic, Long.parseLong(new String(message.getPayload(), StandardCharsets.US_ASCII).trim()));
	}

	/** Messages the broker dropped since it started (0 until it first drops one). */
	long dropped() {
		return this.values.getOrDefault(DROPPED, 0L);
	}

	/** Messages the broker holds now (queued for subscribers, retained). */
	long stored() {
		return this.values.getOrDefault(STORED, 0L);
	}

	@Override
	public void close() throws MqttException {
		this.client.disconnect();
		this.client.close();
	}

}
