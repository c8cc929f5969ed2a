package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The connection {@code <clientId>-owner} that holds a claim of the clinical lease: clean
 * start, no session, no automatic reconnect, and a Last Will that clears the lease, so a
 * killed or cut-off holder frees it within about 1.5 times its keep-alive. Closed
 * normally, the broker discards the Will; closed to free the lease, it publishes it.
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
			connection.close(false);
			throw ex;
		}
		return connection;
	}

	/**
	 * Publishes the lease, retained, with its tag (and marked owning); returns once the
	 * broker accepted it.
	 * @param tag this publication's tag
	 * @param owning whether this instance owns (not only claims)
	 * @throws MqttException when it failed or the broker refused it
	 */
	void publish(String tag, boolean owning) throws MqttException {
		List<UserProperty> properties = new ArrayList<>(2);
		properties.add(new UserProperty(LeaseValue.TAG_PROPERTY, tag));
		if (owning) {
			properties.add(new UserProperty(LeaseValue.OWNING_PROPERTY, "true"));
		}
		MqttProperties tagged = new MqttProperties();
		tagged.setUserProperties(properties);
		send(new MqttMessage(this.clientId, 1, true, tagged));
	}

	/**
	 * Clears the lease (retained empty value); returns once the broker accepted it.
	 * @throws MqttException when it failed or the broker refused it
	 */
	void release() throws MqttException {
		send(CLEARED);
	}

	/**
	 * Paho 1.2.5 completes a publication whose PUBACK carries an error (e.g. not
	 * authorized) without an exception: the reason code is checked here.
	 */
	private void send(MqttMessage message) throws MqttException {
		IMqttToken token = this.client.publish(Topics.CLINICAL_OWNER, message);
		token.waitForCompletion(this.timeout);
		int[] reasons = token.getReasonCodes();
		if (reasons != null) {
			for (int reason : reasons) {
				if (reason >= MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR) {
					throw new MqttException(reason);
				}
			}
		}
	}

	/**
	 * Disconnects and frees the client.
	 * @param freeLease whether the broker shall publish the Will (clearing the lease), as
	 * when a release failed; otherwise it discards it
	 */
	void close(boolean freeLease) {
		try {
			if (this.client.isConnected()) {
				int reason = freeLease ? MqttReturnCode.RETURN_CODE_DISCONNECT_WITH_WILL_MESSAGE
						: MqttReturnCode.RETURN_CODE_SUCCESS;
				this.client.disconnect(1000, null, null, reason, new MqttProperties()).waitForCompletion(2000);
			}
		}
		catch (MqttException ex) {
			// closing anyway; a connection closed without DISCONNECT fires the Will
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
