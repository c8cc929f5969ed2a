package care.vitals.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.Outcome;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Measures alarm detection latency: an assigned monitor publishes SpO2 at 1 Hz in real
 * time, normal then below the high-priority limit; the time from publishing the reading
 * that completes the alarm's delay to the retained alarm state arriving on
 * {@code alarms/{ward}/{bed}} is the detection latency on top of the configured delay.
 */
final class AlarmLatencyProbe {

	static final String DEVICE = "bench-clinical";

	static final String WARD = "ward-bench";

	static final String BED = "1";

	/** SpO2 below 85 % is high priority after this delay (AlarmRules defaults: 30 s). */
	static final int DELAY_SECONDS = (int) AlarmRules.defaults()
		.threshold(Parameter.SPO2)
		.orElseThrow()
		.delay()
		.toSeconds();

	private final String brokerUrl;

	AlarmLatencyProbe(String brokerUrl) {
		this.brokerUrl = brokerUrl;
	}

	/**
	 * Runs for about normalSeconds + the delay + 5 s; returns ms from the completing
	 * reading to the alarm, or -1.
	 */
	long measure(int normalSeconds) throws Exception {
		AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());
		CountDownLatch raised = new CountDownLatch(1);
		AtomicLong arrivedAt = new AtomicLong();
		MqttClient display = new MqttClient(this.brokerUrl, "bench-display", new MemoryPersistence());
		MqttClient monitor = new MqttClient(this.brokerUrl, "dev-" + DEVICE, new MemoryPersistence());
		try {
			display.connect();
			IMqttMessageListener listener = (topic, message) -> {
				if (codec.decode(message.getPayload()) instanceof Outcome.Ok<AlarmList> ok
						&& ok.value().alarms().stream().anyMatch((a) -> a.kind().equals("spo2_low"))
						&& arrivedAt.compareAndSet(0, System.nanoTime())) {
					raised.countDown();
				}
			};
			display.subscribe(new MqttSubscription[] { new MqttSubscription("alarms/" + WARD + "/" + BED, 1) },
					new IMqttMessageListener[] { listener });
			monitor.connect();
			long completingPublish = 0;
			int total = normalSeconds + DELAY_SECONDS + 5;
			long start = System.nanoTime();
			// Device clocks tick in whole seconds here, so the reading that completes the
			// delay is exactly the one DELAY_SECONDS after the first low one.
			Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			for (int s = 0; s < total && raised.getCount() > 0; s++) {
				long due = start + TimeUnit.SECONDS.toNanos(s);
				while (System.nanoTime() < due) {
					Thread.sleep(1);
				}
				boolean low = s >= normalSeconds;
				String payload = "{\"ts\":\"" + first.plusSeconds(s) + "\",\"seq\":" + s + ",\"values\":{\"spo2\":"
						+ (low ? 80 : 97) + ",\"heart_rate\":80}}";
				long sentAt = System.nanoTime();
				monitor.publish("devices/" + DEVICE + "/measurements",
						new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
				if (s == normalSeconds + DELAY_SECONDS) {
					completingPublish = sentAt;
				}
			}
			if (!raised.await(10, TimeUnit.SECONDS) || completingPublish == 0) {
				return -1;
			}
			return TimeUnit.NANOSECONDS.toMillis(arrivedAt.get() - completingPublish);
		}
		finally {
			monitor.disconnect();
			monitor.close();
			display.disconnect();
			display.close();
		}
	}

}
