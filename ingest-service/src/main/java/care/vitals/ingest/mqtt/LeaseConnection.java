package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import care.vitals.model.topic.Topics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The connection {@code <clientId>-owner} that holds a claim of the clinical lease: clean
 * start, no session, no automatic reconnect, and a Last Will that clears the lease, so a
 * killed or cut-off holder frees it within about 1.5 times its keep-alive. Closed
 * normally, the broker discards the Will.
 */
final class LeaseConnection {

	private static final MqttMessage CLEARED = new MqttMessage(new byte[0], 1, true, null);

	private final MqttAsyncClient client;

	private final byte[] clientId;

	private final long timeout;

	private LeaseConnection(MqttAsyncClient client, String clientId, long timeout) {
		this.client = client;
		this.clientId = clientId.getBytes(StandardCharsets.UTF_8);
		this.timeout = timeout;
	}

	/**
	 * Connects, waiting at most the connection timeout.
	 * @param properties the broker connection
	 * @param keepAlive the keep-alive of this connection
	 * @param onLost told (on a Paho thread) when this connection drops
	 * @return the connected lease connection
	 * @throws MqttException when it cannot connect
	 */
	static LeaseConnection open(care.vitals.ingest.mqtt.MqttProperties properties, Duration keepAlive,
			Consumer<LeaseConnection> onLost) throws MqttException {
		MqttAsyncClient client = new MqttAsyncClient(properties.url(), properties.clientId() + "-owner",
				new MemoryPersistence());
		long timeout = properties.connectionTimeout().toMillis();
		LeaseConnection connection = new LeaseConnection(client, properties.clientId(), timeout);
		client.setCallback(new Lost(() -> onLost.accept(connection)));
		MqttConnectionOptions options = MqttConfiguration.connectionOptions(properties);
		options.setCleanStart(true);
		options.setSessionExpiryInterval(0L);
		options.setAutomaticReconnect(false);
		options.setKeepAliveInterval((int) keepAlive.toSeconds());
		options.setWill(Topics.CLINICAL_OWNER, CLEARED);
		try {
			client.connect(options).waitForCompletion(timeout);
		}
		catch (MqttException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	/** Publishes the claim, retained, with its tag; returns once the broker has it. */
	void claim(String tag) throws MqttException {
		MqttProperties tagged = new MqttProperties();
		tagged.setUserProperties(List.of(new UserProperty(LeaseValue.TAG_PROPERTY, tag)));
		this.client.publish(Topics.CLINICAL_OWNER, new MqttMessage(this.clientId, 1, true, tagged))
			.waitForCompletion(this.timeout);
	}

	/** Clears the lease (retained empty value); returns once the broker has it. */
	void release() throws MqttException {
		this.client.publish(Topics.CLINICAL_OWNER, CLEARED).waitForCompletion(this.timeout);
	}

	/** Disconnects normally (the broker discards the Will) and frees the client. */
	void close() {
		try {
			if (this.client.isConnected()) {
				this.client.disconnect(1000).waitForCompletion(2000);
			}
		}
		catch (MqttException ex) {
			// closing anyway
		}
		try {
			this.client.close(true);
		}
		catch (MqttException ex) {
			// nothing left to do
		}
	}

	/** Tells when the lease connection drops. */
	private record Lost(Runnable onLost) implements MqttCallback {

		@Override
		public void disconnected(MqttDisconnectResponse response) {
			this.onLost.run();
		}

		@Override
		public void mqttErrorOccurred(MqttException exception) {
		}

		@Override
		public void messageArrived(String topic, MqttMessage message) {
		}

		@Override
		public void deliveryComplete(IMqttToken token) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverURI) {
		}

		@Override
		public void authPacketArrived(int reasonCode, MqttProperties properties) {
		}

	}

}
