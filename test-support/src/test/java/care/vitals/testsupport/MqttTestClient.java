package care.vitals.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
 * A Paho MQTT 5 client for tests that collects received payloads as strings.
 */
final class MqttTestClient implements MqttCallback, AutoCloseable {

	private final MqttClient client;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private boolean sessionPresent;

	private MqttTestClient(String url, String clientId, boolean cleanStart, long sessionExpirySeconds)
			throws MqttException {
		this.client = new MqttClient(url, clientId, new MemoryPersistence());
		this.client.setCallback(this);
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(cleanStart);
		options.setSessionExpiryInterval(sessionExpirySeconds);
		options.setAutomaticReconnect(false);
		IMqttToken token = this.client.connectWithResult(options);
		this.sessionPresent = token.getSessionPresent();
	}

	static MqttTestClient connect(String url, String clientId) throws MqttException {
		return new MqttTestClient(url, clientId, true, 0);
	}

	static MqttTestClient connectPersistent(String url, String clientId) throws MqttException {
		return new MqttTestClient(url, clientId, false, 3600);
	}

	boolean sessionPresent() {
		return this.sessionPresent;
	}

	void subscribe(String topic) throws MqttException {
		this.client.subscribe(topic, 1).waitForCompletion(5000);
	}

	void publish(String topic, String payload) throws MqttException {
		this.client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
	}

	List<String> awaitMessages(int count, Duration timeout) throws InterruptedException {
		List<String> messages = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (messages.size() < count) {
			String message = this.received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (message == null) {
				break;
			}
			messages.add(message);
		}
		return messages;
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
		this.received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
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

}
