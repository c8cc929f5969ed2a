package care.vitals.ingest.mqtt;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;

/**
 * The inbound adapter, subscribing off Paho's callback thread.
 * <p>
 * On reconnecting to a persistent session the broker sends the queued backlog right after
 * CONNACK. The stock adapter subscribes from {@code connectComplete}, on Paho's callback
 * thread, and waits for the SUBACK; but the SUBACK is behind the backlog, which only that
 * same thread can consume, so the subscription times out after a restart with a backlog
 * (a deadlock seen with Paho 1.2.5 and Mosquitto). Subscribing from another thread lets
 * the callback thread drain the backlog meanwhile.
 */
class DeviceMessagesAdapter extends Mqttv5PahoMessageDrivenChannelAdapter {

	private final ExecutorService subscriber = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "mqtt-subscriber");
		thread.setDaemon(true);
		return thread;
	});

	DeviceMessagesAdapter(MqttConnectionOptions options, String clientId, MqttSubscription... subscriptions) {
		super(options, clientId, subscriptions);
	}

	@Override
	public void connectComplete(boolean reconnect, String serverURI) {
		this.subscriber.execute(() -> super.connectComplete(reconnect, serverURI));
	}

	@Override
	public void destroy() {
		this.subscriber.shutdownNow();
		super.destroy();
	}

}
