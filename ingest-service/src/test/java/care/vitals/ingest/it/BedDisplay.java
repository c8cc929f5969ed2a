package care.vitals.ingest.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
 * ({@code alarms/{ward}/{bed}}), or a whole ward's ({@code alarms/{ward}/#}), and keeps
 * every list it receives, in order, with when it arrived.
 */
final class BedDisplay implements AutoCloseable {

	private static final AtomicInteger displays = new AtomicInteger();

	private final MqttClient client;

	private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

	private BedDisplay(MqttClient client) {
		this.client = client;
	}

	/**
	 * @param brokerUrl the broker
	 * @param bed {@code ward/bed}
	 */
	static BedDisplay watch(String brokerUrl, String bed) throws MqttException {
		return watch(brokerUrl, bed, (list) -> {
		});
	}

	/**
	 * @param brokerUrl the broker
	 * @param beds {@code ward/bed}, or {@code ward/#} for every bed of a ward
	 * @param onArrival told of every list as it arrives, after it is kept
	 */
	static BedDisplay watch(String brokerUrl, String beds, Consumer<AlarmList> onArrival) throws MqttException {
		AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());
		String clientId = "display-" + beds.replace('/', '-').replace("#", "all") + "-" + displays.incrementAndGet();
		MqttClient client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
		BedDisplay display = new BedDisplay(client);
		client.connect();
		client.subscribe(new MqttSubscription[] { new MqttSubscription("alarms/" + beds, 1) },
				new IMqttMessageListener[] { (topic, message) -> {
					if (codec.decode(message.getPayload()) instanceof Outcome.Ok<AlarmList> ok) {
						display.arrivals.add(new Arrival(ok.value(), System.nanoTime()));
						onArrival.accept(ok.value());
					}
				} });
		return display;
	}

	/** Every list received so far, oldest first. */
	List<AlarmList> lists() {
		return this.arrivals.stream().map(Arrival::list).toList();
	}

	/** Every list received so far with when it arrived, oldest first. */
	List<Arrival> arrivals() {
		return List.copyOf(this.arrivals);
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

	/**
	 * A list as it arrived.
	 *
	 * @param list the list
	 * @param nanoTime {@link System#nanoTime()} on arrival
	 */
	record Arrival(AlarmList list, long nanoTime) {
	}

}
