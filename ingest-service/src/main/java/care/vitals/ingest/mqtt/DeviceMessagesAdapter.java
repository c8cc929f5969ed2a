package care.vitals.ingest.mqtt;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * The inbound adapter, working around two hazards of Paho 1.2.5 under load.
 * <p>
 * <b>Subscribing off the callback thread.</b> On reconnecting to a persistent session the
 * broker sends the queued backlog right after CONNACK. The stock adapter subscribes from
 * {@code connectComplete}, on Paho's callback thread, and waits for the SUBACK; but the
 * SUBACK is behind the backlog, which only that same thread can consume, so the
 * subscription times out after a restart with a backlog (a deadlock seen with Mosquitto).
 * Subscribing from another thread lets the callback thread drain the backlog meanwhile.
 * <p>
 * <b>No acknowledgments while disconnected.</b> Paho queues a PUBACK even when the
 * connection is down, and keeps it until the next connection. The next connection attempt
 * then stalls: its sender thread finds that PUBACK ahead of the CONNECT packet, stops,
 * and the attempt waits for it forever, until the broker drops the silent TCP connection
 * (about 95 s with Mosquitto 2.0, EMQX's {@code idle_timeout} 15 s) — measured after
 * every broker restart under load, with no data flowing meanwhile. The writer
 * acknowledges a batch when it is durable, which may be while the connection is down, so
 * {@link #whileConnected} drops those acknowledgments instead: the broker keeps the
 * unacknowledged messages in the session and sends them again after reconnecting
 * (at-least-once; the rewrite is idempotent).
 */
class DeviceMessagesAdapter extends Mqttv5PahoMessageDrivenChannelAdapter {

	private final ExecutorService subscriber = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "mqtt-subscriber");
		thread.setDaemon(true);
		return thread;
	});

	private volatile IMqttAsyncClient client;

	DeviceMessagesAdapter(MqttConnectionOptions options, String clientId, MqttSubscription... subscriptions) {
		super(options, clientId, subscriptions);
	}

	@Override
	protected void onInit() {
		super.onInit();
		// Spring Integration keeps its Paho client private; read once, here.
		this.client = (IMqttAsyncClient) ReflectionUtils.getField(clientField(), this);
		Assert.state(this.client != null, "The inbound adapter created no Paho client");
	}

	@Override
	public void connectComplete(boolean reconnect, String serverURI) {
		this.subscriber.execute(() -> super.connectComplete(reconnect, serverURI));
	}

	/**
	 * Whether the inbound client is connected to the broker right now.
	 */
	boolean isConnected() {
		IMqttAsyncClient current = this.client;
		return current != null && current.isConnected();
	}

	/**
	 * Wraps a message's acknowledgment so that it is sent only while connected; while
	 * disconnected it is dropped and the broker redelivers the message after
	 * reconnecting.
	 * @param ack the adapter's acknowledgment, or null
	 * @param dropped called for each acknowledgment dropped (for a metric)
	 * @return the guarded acknowledgment, or null
	 */
	SimpleAcknowledgment whileConnected(SimpleAcknowledgment ack, Runnable dropped) {
		if (ack == null) {
			return null;
		}
		return () -> {
			if (isConnected()) {
				ack.acknowledge();
			}
			else {
				dropped.run();
			}
		};
	}

	@Override
	public void destroy() {
		this.subscriber.shutdownNow();
		super.destroy();
	}

	private static Field clientField() {
		Field field = ReflectionUtils.findField(Mqttv5PahoMessageDrivenChannelAdapter.class, "mqttClient",
				IMqttAsyncClient.class);
		Assert.state(field != null, "Spring Integration's MQTT adapter no longer has the field 'mqttClient'; "
				+ "DeviceMessagesAdapter needs another way to its Paho client");
		ReflectionUtils.makeAccessible(field);
		return field;
	}

}
