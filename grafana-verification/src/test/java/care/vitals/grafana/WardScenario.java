package care.vitals.grafana;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * A seeded ward, published over MQTT the way devices publish, admitted and handled
 * through the ingest's admin API the way staff do: ward {@code ward-a} with three
 * monitored beds and one unassigned device. Every monitored bed has readings spanning
 * more than 5 minutes of reading time, so the clinical engine writes each bed's NEWS2 at
 * least twice (on change, and restated every 5 minutes while it does not change).
 * <ul>
 * <li>bed 1, {@code mon-a1}, patient {@code p-1001}: stable (NEWS2 0), a reading every 20
 * s for the last 12 minutes, plus 10 buffered readings from 13 hours ago (the 7-day
 * preset reads them from the downsampled retention policy), a nurse-call button event; no
 * alarm;</li>
 * <li>bed 2, {@code mon-a2}, patient {@code p-1002}: deteriorating (HR 118, RR 24, 38.4
 * Cel, SBP 98; NEWS2 9, then 10 with SpO2 alone scoring 3) with SpO2 88 % for the last 3
 * minutes, every 7th sequence number missing, a {@code probe_off} event, battery 15 %:
 * alarms NEWS2 high, SpO2 low (acknowledged through the API by {@link #NURSE}), sequence
 * gap, probe off, battery low;</li>
 * <li>bed 3, {@code mon-a3}, patient {@code p-1003}: NEWS2 1, readings from 14 until 6
 * minutes ago, then silence; its last status (the Last Will, after its readings) says
 * offline since 4 minutes ago: alarm device offline;</li>
 * <li>{@code mon-x9}: no assignment (stored as {@code unassigned});</li>
 * <li>four bad messages: malformed JSON, an implausible heart rate, an unknown parameter
 * and an invalid device id in the topic.</li>
 * </ul>
 * The activity log gets the three admissions (dated back 14 hours: the monitors were on
 * before the admissions were recorded), the nurse's three ACVPU assessments and the
 * acknowledgement.
 */
final class WardScenario {

	static final String WARD = "ward-a";

	/** The admin user of the ingest: who admits and acknowledges. */
	static final String NURSE = "nurse.a";

	/** Device, patient, bed of each admission. */
	static final List<String[]> ADMISSIONS = List.of(new String[] { "mon-a1", "p-1001", "1" },
			new String[] { "mon-a2", "p-1002", "2" }, new String[] { "mon-a3", "p-1003", "3" });

	/**
	 * Activity records: the admissions, the nurse's assessments (ACVPU) and one
	 * acknowledgement.
	 */
	static final int ACTIVITIES = 7;

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
	 * Admits the three patients through the admin API ({@code PUT /api/assignments}), and
	 * waits until the ingest applies the assignments (it publishes them retained and
	 * follows its own message), so that no reading is stored unassigned.
	 */
	void admit(IngestProcess ingest) throws IOException, InterruptedException {
		// the monitors were put on before the admissions were recorded: bed 1's buffered
		// readings are 13 hours old, and readings are attributed by their own time
		Instant since = Instant.now().minus(Duration.ofHours(14));
		for (String[] admission : ADMISSIONS) {
			ingest.admin("PUT", "/api/assignments/" + admission[0], "{\"patient\":\"" + admission[1] + "\",\"ward\":\""
					+ WARD + "\",\"bed\":\"" + admission[2] + "\",\"since\":\"" + since + "\"}");
		}
		await("the ingest to apply the admissions").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				JsonNode assignments = ingest.admin("GET", "/api/assignments", null);
				return ADMISSIONS.stream()
					.allMatch((admission) -> admission[1]
						.equals(assignments.path(admission[0]).path("patient").asString()));
			});
		// the nurse assesses each patient (a monitor cannot): alert
		Instant assessed = Instant.now().minus(Duration.ofMinutes(15));
		for (String[] admission : ADMISSIONS) {
			ingest.admin("POST", "/api/patients/" + admission[1] + "/observations",
					"{\"observedAt\":\"" + assessed + "\",\"consciousness\":\"A\"}");
		}
	}

	/**
	 * Admits patient {@code p-2001} to {@code ward-b} bed 1 on monitor {@code mon-b1} and
	 * publishes three readings of a deteriorating patient (HR 118, RR 24, SpO2 93 %, 38.4
	 * Cel, SBP 98 on air: 9 points without consciousness). No nurse assesses ACVPU, which
	 * a monitor cannot, so every NEWS2 score of this patient is partial.
	 */
	void admitAndMonitorAnUnassessedPatient(IngestProcess ingest) throws Exception {
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		ingest.admin("PUT", "/api/assignments/mon-b1", "{\"patient\":\"p-2001\",\"ward\":\"ward-b\",\"bed\":\"1\","
				+ "\"since\":\"" + start.minus(Duration.ofMinutes(5)) + "\"}");
		await("the ingest to apply the admission of p-2001").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "p-2001"
				.equals(ingest.admin("GET", "/api/assignments", null).path("mon-b1").path("patient").asString()));
		for (int i = 0; i < 3; i++) {
			reading("mon-b1", start.minus(Duration.ofSeconds(20L * (2 - i))), i + 1, 118, 93, 24, 38.4, 98, 60, "A");
		}
	}

	/**
	 * Acknowledges bed 2's SpO2 alarm through the admin API once the clinical engine has
	 * raised it, as the nurse at the central station would.
	 * @return the acknowledged alarm's id
	 */
	String acknowledgeSpO2Alarm(IngestProcess ingest) throws IOException, InterruptedException {
		AtomicReference<String> alarmId = new AtomicReference<>();
		await("the SpO2 alarm of bed 2").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				for (JsonNode alarm : ingest.admin("GET", "/api/alarms?ward=" + WARD + "&patient=p-1002", null)) {
					if (alarm.path("kind").asString().startsWith("spo2")) {
						alarmId.set(alarm.path("alarmId").asString());
						return true;
					}
				}
				return false;
			});
		JsonNode acknowledged = ingest.admin("POST", "/api/alarms/" + alarmId.get() + "/acknowledge", null);
		if (!"acknowledged".equalsIgnoreCase(acknowledged.path("state").asString())) {
			throw new IllegalStateException("acknowledge answered " + acknowledged);
		}
		return alarmId.get();
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
		publish("devices/mon-a3/status", "{\"online\":false,\"ts\":\"" + ago(Duration.ofMinutes(4)) + "\"}", true);
		// no assignment
		for (int i = 0; i < 5; i++) {
			reading("mon-x9", this.now.minus(Duration.ofMinutes(5 - i)), i + 1, 70, 99, 14, 36.5, 118, 76, "A");
		}
		publish("devices/mon-a2/events", "{\"kind\":\"probe_off\",\"ts\":\"" + ago(Duration.ofMinutes(5))
				+ "\",\"details\":{\"sensor\":\"spo2\",\"message\":\"SpO2 probe off\"}}", false);
		publish("devices/mon-a1/events", "{\"kind\":\"button\",\"ts\":\"" + ago(Duration.ofMinutes(2))
				+ "\",\"details\":{\"button\":\"nurse_call\"}}", false);

		publish("devices/mon-a2/measurements", "{not json", false);
		publish("devices/mon-a2/measurements",
				"{\"ts\":\"" + ago(Duration.ofMinutes(1)) + "\",\"values\":{\"heart_rate\":400}}", false);
		publish("devices/mon-a1/measurements", "{\"values\":{\"pulse\":70}}", false);
		publish("devices/bad id!/measurements", "{\"values\":{\"heart_rate\":70}}", false);
	}

	/**
	 * One more reading of bed 2's deteriorating patient, now: its NEWS2 is current again
	 * (the board colours a score no older than 6 minutes).
	 */
	void refreshBed2() throws MqttException {
		reading("mon-a2", Instant.now(), 44, 119, 88, 24, 38.4, 98, 60, "A");
	}

	/**
	 * An oximeter's connection is lost (its last will, offline) while the monitor beside
	 * it goes on reporting: the monitor is the device that reported last.
	 */
	void oximeterOfflineWhileTheMonitorReports(String oximeter, String monitor) throws MqttException {
		publish("devices/" + oximeter + "/status", "{\"online\":false}", true);
		reading(monitor, Instant.now(), 48, 74, 97, 16, 36.8, 121, 79, "A");
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
