package care.vitals.ingest.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;

import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;

/**
 * The outbound handler, without an ERROR on a clean shutdown. Spring Integration's
 * handler disconnects its client on stop whether or not it is connected; when the broker
 * went first (a host shutting down, {@code docker compose down} stopping EMQX before the
 * ingest, a broker restart in progress) Paho refuses with "Client is disconnected
 * (32101)", which the handler logs as an ERROR with a stack trace, on every such shutdown
 * (issue 15; {@code CleanShutdownIntegrationTests}). It knows whether its client is
 * connected from the client's own callbacks, and skips the disconnect when there is
 * nothing to disconnect.
 */
class OutboundMessageHandler extends Mqttv5PahoMessageHandler {

	private volatile boolean connected;

	OutboundMessageHandler(MqttConnectionOptions options, String clientId) {
		super(options, clientId);
	}

	@Override
	public void connectComplete(boolean reconnect, String serverURI) {
		this.connected = true;
		super.connectComplete(reconnect, serverURI);
	}

	@Override
	public void disconnected(MqttDisconnectResponse response) {
		this.connected = false;
		super.disconnected(response);
	}

	@Override
	protected void doStop() {
		if (this.connected) {
			super.doStop();
		}
		else {
			logger.info("MQTT publisher already disconnected at shutdown: nothing to disconnect");
		}
	}

}
