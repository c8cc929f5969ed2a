package care.vitals.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Many logical devices over a few MQTT connections, publishing compact JSON readings with
 * six vitals at QoS 1 at a target rate. Counts what the broker acknowledged: that is what
 * the ingest must store. Each run counts only its own messages (a PUBACK that arrives
 * after its run gave up waiting is not counted by the next run), and every acknowledged
 * message is also counted by the second of its timestamp, so that a shortfall in InfluxDB
 * can be placed in time.
 */
final class LoadPublisher implements AutoCloseable {

	private final List<MqttAsyncClient> clients = new ArrayList<>();

	private final int devices;

	private final ConcurrentSkipListMap<Long, LongAdder> ackedBySecond = new ConcurrentSkipListMap<>();

	private final AtomicLong refused = new AtomicLong();

	/** When the last {@link #run} ended ({@link System#nanoTime()}), or 0. */
	private volatile long lastEnded;

	private long sequence;

	LoadPublisher(String brokerUrl, int connections, int devices) throws MqttException {
		this.devices = devices;
		for (int i = 0; i < connections; i++) {
			MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "bench-pub-" + i, new MemoryPersistence());
			MqttConnectionOptions options = new MqttConnectionOptions();
			options.setCleanStart(true);
			options.setMaxReconnectDelay(1000);
			client.connect(options).waitForCompletion(10_000);
			this.clients.add(client);
		}
	}

	/**
	 * Publishes at {@code rate} messages/s for {@code seconds}; returns messages the
	 * broker acked.
	 */
	long run(int rate, int seconds) throws InterruptedException {
		AtomicLong acked = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long start = System.nanoTime();
		long sent = 0;
		long total = (long) rate * seconds;
		MqttActionListener onAck = new MqttActionListener() {
			@Override
			public void onSuccess(IMqttToken token) {
				acked.incrementAndGet();
				LoadPublisher.this.ackedBySecond
					.computeIfAbsent((Long) token.getUserContext(), (second) -> new LongAdder())
					.increment();
			}

			@Override
			public void onFailure(IMqttToken token, Throwable ex) {
				failed.incrementAndGet();
				LoadPublisher.this.refused.incrementAndGet();
			}
		};
		while (sent < total) {
			long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
			while (sent < Math.min(due, total)) {
				if (publish(onAck)) {
					sent++;
				}
				else {
					Thread.sleep(1);
				}
			}
			Thread.sleep(1);
		}
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (acked.get() + failed.get() < sent && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		this.lastEnded = System.nanoTime();
		return acked.get();
	}

	/**
	 * @return when the last run ended ({@link System#nanoTime()}), or 0 if none did: from
	 * then on its devices are silent
	 */
	long lastEnded() {
		return this.lastEnded;
	}

	static String deviceId(int index) {
		return "bench-" + index;
	}

	private boolean publish(MqttActionListener onAck) {
		long seq = this.sequence;
		String device = deviceId((int) (seq % this.devices));
		MqttAsyncClient client = this.clients.get((int) (seq % this.clients.size()));
		Instant now = Instant.now();
		String payload = "{\"ts\":\"" + now + "\",\"seq\":" + (seq / this.devices) + ",\"values\":{\"heart_rate\":"
				+ (60 + seq % 40) + ",\"spo2\":" + (90 + seq % 10)
				+ ",\"resp_rate\":16,\"temperature\":36.8,\"systolic_bp\":121,\"diastolic_bp\":79}}";
		MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
		message.setQos(1);
		try {
			client.publish("devices/" + device + "/measurements", message, now.getEpochSecond(), onAck);
			this.sequence++;
			return true;
		}
		catch (MqttException ex) {
			// too many publishes in flight: the caller waits and retries
			return false;
		}
	}

	/**
	 * Admits every device to its own patient the way an ADT integration does: a retained
	 * assignment on {@code assignments/{device}} (the admin API checks a BCrypt password
	 * on each call, ~0.1 s of CPU, too slow for 2,000 admissions).
	 */
	void admitAll(Instant since) throws MqttException {
		for (int i = 0; i < this.devices; i++) {
			String assignment = "{\"patient\":\"p-" + i + "\",\"ward\":\"ward-" + (i / 100) + "\",\"bed\":\"bed-"
					+ (i % 100) + "\",\"since\":\"" + since + "\"}";
			MqttMessage message = new MqttMessage(assignment.getBytes(StandardCharsets.UTF_8));
			message.setQos(1);
			message.setRetained(true);
			this.clients.get(0).publish("assignments/" + deviceId(i), message).waitForCompletion(10_000);
		}
	}

	/**
	 * Messages the broker acknowledged, by the second of their timestamp, from a second
	 * on.
	 */
	NavigableMap<Long, Long> ackedBySecond(Instant from) {
		NavigableMap<Long, Long> counts = new TreeMap<>();
		for (Map.Entry<Long, LongAdder> second : this.ackedBySecond.tailMap(from.getEpochSecond()).entrySet()) {
			counts.put(second.getKey(), second.getValue().sum());
		}
		return counts;
	}

	long refused() {
		return this.refused.get();
	}

	@Override
	public void close() throws MqttException {
		for (MqttAsyncClient client : this.clients) {
			client.disconnect().waitForCompletion(5000);
			client.close();
		}
	}

}
