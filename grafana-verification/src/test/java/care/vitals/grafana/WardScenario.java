package care.vitals.grafana;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A seeded ward, published over MQTT the way devices and the admin API publish: ward
 * {@code ward-a} with three monitored beds and one unassigned device.
 * <ul>
 * <li>bed 1, {@code mon-a1}, patient {@code p-1001}: stable, a reading every 20 s for the
 * last 12 minutes, plus 10 buffered readings from 13 hours ago (the 7-day preset reads
 * them from the downsampled retention policy), a nurse-call button event;</li>
 * <li>bed 2, {@code mon-a2}, patient {@code p-1002}: deteriorating (HR 118, RR 24, 38.4
 * Cel, SBP 98) with SpO2 88 % for the last 3 minutes, every 7th sequence number missing,
 * a {@code probe_off} event, battery 15 %;</li>
 * <li>bed 3, {@code mon-a3}, patient {@code p-1003}: readings until 6 minutes ago, then
 * silence; its last status says offline since 4 minutes ago;</li>
 * <li>{@code mon-x9}: no assignment (stored as {@code unassigned});</li>
 * <li>four bad messages: malformed JSON, an implausible heart rate, an unknown parameter
 * and an invalid device id in the topic.</li>
 * </ul>
 */
final class WardScenario {

	static final String WARD = "ward-a";

	/** Readings carrying a sequence number the ingest must store. */
	static final int SEQUENCED_READINGS = 10 + 37 + 37 + 25 + 5;

	static final int REJECTED = 4;

	static final int EVENTS = 2;

	static final int STATUSES = 5;

	private final MqttClient client;

	private Instant now;

	private WardScenario(MqttClient client, Instant now) {
		this.client = client;
		this.now = now;
	}

	static WardScenario connect(String brokerUrl) throws MqttException {
		MqttClient client = new MqttClient(brokerUrl, "grafana-it-devices", new MemoryPersistence());
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(true);
		client.connect(options);
		return new WardScenario(client, Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	/** The end of the scenario: the newest reading's timestamp. */
	Instant now() {
		return this.now;
	}

	/**
	 * Retained assignments, published before the ingest starts (as the admin API keeps
	 * them).
	 */
	void publishAssignments() throws MqttException {
		String since = this.now.minus(Duration.ofDays(1)).toString();
		for (String[] assignment : new String[][] { { "mon-a1", "p-1001", "1" }, { "mon-a2", "p-1002", "2" },
				{ "mon-a3", "p-1003", "3" } }) {
			publish("assignments/" + assignment[0], "{\"patient\":\"" + assignment[1] + "\",\"ward\":\"" + WARD
					+ "\",\"bed\":\"" + assignment[2] + "\",\"since\":\"" + since + "\"}", true);
		}
	}

	/**
	 * Publishes status, readings, events and bad messages; {@link #now()} is the moment
	 * this starts.
	 */
	void publishDevices() throws MqttException {
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		publish("devices/mon-a1/status", "{\"online\":true,\"battery\":87,\"rssi\":-61,\"firmware\":\"2.4.1\"}", true);
		publish("devices/mon-a2/status", "{\"online\":true,\"battery\":15,\"rssi\":-78,\"firmware\":\"2.4.1\"}", true);
		publish("devices/mon-a3/status", "{\"online\":true,\"battery\":64,\"rssi\":-70,\"firmware\":\"2.3.9\",\"ts\":\""
				+ ago(Duration.ofMinutes(14)) + "\"}", true);
		publish("devices/mon-a3/status", "{\"online\":false,\"ts\":\"" + ago(Duration.ofMinutes(4)) + "\"}", true);
		publish("devices/mon-x9/status", "{\"online\":true,\"battery\":55,\"rssi\":-70,\"firmware\":\"1.0.0\"}", true);

		// bed 1: 13 hours ago (buffered, then sent), then live for the last 12 minutes
		int seq = 1;
		for (int i = 0; i < 10; i++) {
			Instant ts = this.now.minus(Duration.ofHours(13)).minus(Duration.ofMinutes(10 - i));
			reading("mon-a1", ts, seq++, 70 + i % 4, 97, 15, 36.7, 119, 78, "A");
		}
		for (int i = 0; i < 37; i++) {
			Instant ts = this.now.minus(Duration.ofSeconds(20L * (36 - i)));
			reading("mon-a1", ts, seq++, 72 + i % 5, 97 + i % 2, 16, 36.8, 121, 79, "A");
		}
		// bed 2: SpO2 88 for the last 3 minutes; every 7th sequence number is never sent
		for (int i = 0; i < 37; i++) {
			Instant ts = this.now.minus(Duration.ofSeconds(20L * (36 - i)));
			int spo2 = (i >= 27) ? 88 : 93;
			reading("mon-a2", ts, i + 1 + i / 6, 118 + i % 3, spo2, 24, 38.4, 98, 60, "A");
		}
		// bed 3: silent for the last 6 minutes
		for (int i = 0; i < 25; i++) {
			Instant ts = this.now.minus(Duration.ofMinutes(6)).minus(Duration.ofSeconds(20L * (24 - i)));
			reading("mon-a3", ts, i + 1, 88, 95, 18, 37.2, 132, 84, "A");
		}
		// no assignment
		for (int i = 0; i < 5; i++) {
			reading("mon-x9", this.now.minus(Duration.ofMinutes(5 - i)), i + 1, 70, 99, 14, 36.5, 118, 76, "A");
		}
		publish("devices/mon-a2/events", "{\"kind\":\"probe_off\",\"ts\":\"" + ago(Duration.ofMinutes(5))
				+ "\",\"details\":{\"sensor\":\"spo2\",\"message\":\"SpO2 probe off\"}}", false);
		publish("devices/mon-a1/events", "{\"kind\":\"button\",\"ts\":\"" + ago(Duration.ofMinutes(2))
				+ "\",\"details\":{\"button\":\"nurse_call\"}}", false);

		publish("devices/mon-a2/measurements", "{not json", false);
		publish("devices/mon-a2/measurements", "{\"values\":{\"heart_rate\":400}}", false);
		publish("devices/mon-a1/measurements", "{\"values\":{\"pulse\":70}}", false);
		publish("devices/bad id!/measurements", "{\"values\":{\"heart_rate\":70}}", false);
	}

	private void reading(String device, Instant ts, int seq, int heartRate, int spo2, int respRate, double temperature,
			int systolic, int diastolic, String consciousness) throws MqttException {
		String payload = String.format(Locale.ROOT,
				"{\"ts\":\"%s\",\"seq\":%d,\"values\":{\"heart_rate\":%d,\"spo2\":%d,\"resp_rate\":%d,"
						+ "\"temperature\":%.1f,\"systolic_bp\":%d,\"diastolic_bp\":%d,\"mean_bp\":%d},"
						+ "\"o2\":false,\"consciousness\":\"%s\"}",
				ts, seq, heartRate, spo2, respRate, temperature, systolic, diastolic, (systolic + 2 * diastolic) / 3,
				consciousness);
		publish("devices/" + device + "/measurements", payload, false);
	}

	private String ago(Duration duration) {
		return this.now.minus(duration).toString();
	}

	private void publish(String topic, String payload, boolean retained) throws MqttException {
		this.client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
	}

	void disconnect() throws MqttException {
		this.client.disconnect();
		this.client.close();
	}

}
