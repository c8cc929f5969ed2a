package care.vitals.ingest.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import care.vitals.model.alarm.AlarmList;
import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.Outcome;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * A bedside display or nurse-call system: subscribes to a bed's retained alarm list
 * ({@code alarms/{ward}/{bed}}) and keeps every list it receives, in order.
 */
final class BedDisplay implements AutoCloseable {

	private final MqttClient client;

	private final List<AlarmList> lists = new CopyOnWriteArrayList<>();

	private BedDisplay(MqttClient client) {
		this.client = client;
	}

	/**
	 * @param brokerUrl the broker
	 * @param bed {@code ward/bed}
	 */
	static BedDisplay watch(String brokerUrl, String bed) throws MqttException {
		AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());
		MqttClient client = new MqttClient(brokerUrl, "display-" + bed.replace('/', '-'), new MemoryPersistence());
		BedDisplay display = new BedDisplay(client);
		client.connect();
		client.subscribe(new MqttSubscription[] { new MqttSubscription("alarms/" + bed, 1) },
				new IMqttMessageListener[] { (topic, message) -> {
					if (codec.decode(message.getPayload()) instanceof Outcome.Ok<AlarmList> ok) {
						display.lists.add(ok.value());
					}
				} });
		return display;
	}

	/** Every list received so far, oldest first. */
	List<AlarmList> lists() {
		return List.copyOf(this.lists);
	}

	/** The newest list received, or {@code null}. */
	AlarmList latest() {
		List<AlarmList> all = lists();
		return all.isEmpty() ? null : all.get(all.size() - 1);
	}

	@Override
	public void close() throws MqttException {
		if (this.client.isConnected()) {
			this.client.disconnect();
		}
		this.client.close();
	}

}
