package care.vitals.ingest.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import care.vitals.model.topic.Topics;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the clinical engine end to end against real Mosquitto and InfluxDB 1.x:
 * admissions through the authenticated admin API, NEWS2 and alarms from a scripted
 * deterioration, technical alarms only during an artefact storm, acknowledgement, the
 * retained alarm state per bed, and assignments that survive a restart.
 */
class ClinicalIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void scriptedDeteriorationRaisesExactlyTheExpectedAlarmsAndNews2() throws Exception {
		influx.createDatabase("clinical");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-clinical", influx.url(), "clinical", this.spool));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-21")) {
			BedDisplay display = BedDisplay.watch(mosquitto.url(), "ward-a/1");
			assertThat(call(ingest, "PUT", "/api/assignments/mon-21",
					"{\"patient\":\"p-21\",\"ward\":\"ward-a\",\"bed\":\"1\"}", false)
				.statusCode()).as("admitting without credentials").isEqualTo(401);
			assertThat(call(ingest, "PUT", "/api/assignments/mon-21",
					"{\"patient\":\"p-21\",\"ward\":\"ward-a\",\"bed\":\"1\",\"since\":\""
							+ Instant.now().minusSeconds(600) + "\"}",
					true)
				.statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> call(ingest, "GET", "/api/assignments", null, true).body().contains("p-21"));

			// 60 s stable, then SpO2 falls to 86 % and RR rises to 26 for 90 s (1 Hz: the
			// score follows the median of the last 2 minutes); the nurse assessed the
			// patient as alert just before (devices cannot assess ACVPU)
			Instant base = Instant.now().minus(180, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
			assertThat(call(ingest, "POST", "/api/patients/p-21/observations",
					"{\"observedAt\":\"" + base.minusSeconds(1) + "\",\"consciousness\":\"A\"}", true)
				.statusCode()).isEqualTo(200);
			for (int s = 0; s < 150; s++) {
				boolean worse = s >= 60;
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, worse ? 86 : 97, worse ? 26 : 16),
						"application/json");
			}
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(influx.query("clinical", "SELECT state FROM alarms WHERE kind='spo2_low'"))
					.contains("raised");
				assertThat(display.latest()).isNotNull();
				assertThat(display.latest().alarms()).anyMatch((a) -> a.kind().equals("spo2_low"));
			});
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(
						influx.count("clinical", "SELECT count(heart_rate) FROM vitals WHERE patient='p-21'"))
					.isEqualTo(150));
			String news2 = influx.query("clinical", "SELECT score, risk, partial FROM news2 WHERE patient='p-21'");
			// SpO2 86 % (3) + RR 26 (3) on air, the rest normal: 6, urgent response.
			assertThat(news2).contains("0,\"low\",false").contains("6,\"medium\",false");
			assertThat(influx.query("clinical", "SELECT count(state) FROM alarms WHERE kind='spo2_low'"))
				.contains(",1]");

			String alarms = call(ingest, "GET", "/api/alarms?ward=ward-a", null, true).body();
			String alarmId = alarms.replaceAll("(?s).*\"alarmId\":\"(spo2_low[^\"]+)\".*", "$1");
			assertThat(call(ingest, "POST", "/api/alarms/" + alarmId + "/acknowledge", "", false).statusCode())
				.as("acknowledging without credentials")
				.isEqualTo(401);
			assertThat(influx.query("clinical", "SELECT state FROM alarms WHERE kind='spo2_low'"))
				.doesNotContain("acknowledged");
			HttpResponse<String> ack = call(ingest, "POST", "/api/alarms/" + alarmId + "/acknowledge", "", true);
			assertThat(ack.statusCode()).isEqualTo(200);
			assertThat(ack.body()).contains("ACKNOWLEDGED");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(influx.query("clinical", "SELECT state FROM alarms WHERE kind='spo2_low'"))
					.contains("acknowledged");
				assertThat(influx.query("clinical", "SELECT actor, message FROM activity WHERE kind='acknowledge'"))
					.contains("nurse-1")
					.contains(alarmId);
			});
			assertThat(call(ingest, "POST", "/api/alarms/no-such-alarm/acknowledge", "", true).statusCode())
				.isEqualTo(404);
			assertThat(call(ingest, "PUT", "/api/assignments/bad,id",
					"{\"patient\":\"p\",\"ward\":\"w\",\"bed\":\"1\"}", true)
				.statusCode()).isEqualTo(400);
			display.close();
		}
	}

	@Test
	void anArtefactStormRaisesTechnicalAlarmsOnly() throws Exception {
		influx.createDatabase("artefact");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-artefact", influx.url(), "artefact", this.spool));
				TestDevice oximeter = new TestDevice(mosquitto.url(), "ox-31")) {
			admit(ingest, "ox-31", "p-31", "ward-b", "3");
			Instant base = Instant.now().minus(100, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
			// Two 20 s cycles: probe off, 8 s of garbage, probe on, 11 s of good values
			// (the first 10 s of them still settling); then the probe comes off for good
			// (the last 60 s, nobody puts it back).
			for (int s = 0; s < 60; s++) {
				int phase = s % 20;
				if (phase == 0) {
					oximeter.publish("devices/ox-31/events", event("probe_off", base.plusSeconds(s)), null);
				}
				if (phase == 9 && s < 40) {
					oximeter.publish("devices/ox-31/events", event("probe_on", base.plusSeconds(s)), null);
				}
				int spo2 = ((phase >= 1 && phase <= 8) || s > 40) ? 40 + (s % 3) * 5 : 97;
				oximeter.publishMeasurement(reading(base.plusSeconds(s), s, spo2, 16), "application/json");
			}
			// the short probe-offs need nobody; the one that lasts a minute does
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(influx.query("artefact",
						"SELECT count(state) FROM alarms WHERE kind='probe_off' AND state='raised' AND restated=false"))
					.contains(",1]"));
			assertThat(influx.query("artefact", "SHOW TAG VALUES FROM alarms WITH KEY = kind"))
				.doesNotContain("spo2_low", "news2");
		}
	}

	@Test
	void anAssignmentSurvivesAnIngestRestart() throws Exception {
		influx.createDatabase("restart");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-restart", influx.url(), "restart",
				this.spool);
		try (RunningIngest ingest = RunningIngest.start(properties)) {
			admit(ingest, "mon-41", "p-41", "ward-c", "4");
		}
		try (RunningIngest restarted = RunningIngest.start(properties);
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-41")) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> call(restarted, "GET", "/api/assignments", null, true).body().contains("p-41"));
			monitor.publishMeasurement(reading(Instant.now().minusSeconds(5), 1, 97, 16), "application/json");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(influx.count("restart",
						"SELECT count(heart_rate) FROM vitals WHERE patient='p-41' AND ward='ward-c' AND bed='4'"))
					.isEqualTo(1));
		}
	}

	@Test
	void perPatientSettingsChangeWhatAlarmsAndAreAudited() throws Exception {
		influx.createDatabase("settings");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-settings", influx.url(), "settings", this.spool));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-51")) {
			admit(ingest, "mon-51", "p-51", "ward-d", "5");
			String lower = "{\"criticalLow\":80,\"low\":85}";
			assertThat(call(ingest, "PUT", "/api/patients/p-51/thresholds/spo2", lower, false).statusCode())
				.isEqualTo(401);
			assertThat(
					call(ingest, "PUT", "/api/patients/p-51/thresholds/spo2", "{\"criticalLow\":95,\"low\":90}", true)
						.statusCode())
				.as("critical limit above the low limit")
				.isEqualTo(400);
			assertThat(call(ingest, "PUT", "/api/patients/p-51/thresholds/spo2", lower, true).statusCode())
				.isEqualTo(200);
			assertThat(call(ingest, "PUT", "/api/patients/p-51/spo2-scale", "{\"scale\":2}", true).statusCode())
				.isEqualTo(200);
			assertThat(call(ingest, "PUT", "/api/patients/p-51/spo2-scale", "{\"scale\":3}", true).statusCode())
				.isEqualTo(400);
			assertThat(call(ingest, "POST", "/api/patients/p-51/observations",
					"{\"oxygen\":true,\"consciousness\":\"A\"}", true)
				.statusCode()).isEqualTo(200);
			assertThat(
					call(ingest, "POST", "/api/patients/nobody/observations", "{\"oxygen\":true}", true).statusCode())
				.isEqualTo(409);

			assertScale2PatientOnOxygenRaisesNoSpo2Alarm(monitor, "settings", "p-51");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						influx.query("settings", "SELECT message, kind, actor FROM activity WHERE patient='p-51'"))
					.contains("threshold", "settings", "observation", "admit", "nurse-1"));
		}
	}

	/**
	 * A clinical decision must not be reverted by a restart: scale 2 and a lowered SpO2
	 * limit come back from their retained message and keep a scale-2 patient at 86-88 %
	 * on oxygen free of SpO2 alarms; discharge clears them.
	 */
	@Test
	void patientSettingsSurviveAnIngestRestartAndEndWithDischarge() throws Exception {
		influx.createDatabase("kept");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-kept", influx.url(), "kept",
				this.spool);
		try (RunningIngest ingest = RunningIngest.start(properties)) {
			admit(ingest, "mon-61", "p-61", "ward-e", "6");
			assertThat(
					call(ingest, "PUT", "/api/patients/p-61/thresholds/spo2", "{\"criticalLow\":80,\"low\":85}", true)
						.statusCode())
				.isEqualTo(200);
			assertThat(call(ingest, "PUT", "/api/patients/p-61/spo2-scale", "{\"scale\":2}", true).statusCode())
				.isEqualTo(200);
		}
		try (RunningIngest restarted = RunningIngest.start(properties);
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-61")) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(call(restarted, "GET", "/api/patients/p-61/settings", null, true).body())
							.contains("\"spo2Scale\":2", "\"low\":85.0", "\"criticalLow\":80.0",
									"\"updatedBy\":\"nurse-1\""));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> call(restarted, "GET", "/api/assignments", null, true).body().contains("p-61"));
			assertScale2PatientOnOxygenRaisesNoSpo2Alarm(monitor, "kept", "p-61");

			assertThat(retained(Topics.settings("p-61"))).as("retained settings before the discharge").isNotNull();
			assertThat(call(restarted, "DELETE", "/api/assignments/mon-61", null, true).statusCode()).isEqualTo(204);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(call(restarted, "GET", "/api/patients/p-61/settings", null, true).body())
							.contains("\"spo2Scale\":1", "\"thresholds\":{}"));
			await().atMost(Duration.ofSeconds(10)).until(() -> retained(Topics.settings("p-61")) == null);
			assertThat(call(restarted, "PUT", "/api/patients/p-61/spo2-scale", "{\"scale\":2}", true).statusCode())
				.as("settings of a patient not admitted")
				.isEqualTo(409);
		}
	}

	/** The retained message of a topic, or null; waits a second for it. */
	private static byte[] retained(String topic) throws Exception {
		AtomicReference<byte[]> payload = new AtomicReference<>();
		CountDownLatch arrived = new CountDownLatch(1);
		MqttClient reader = new MqttClient(mosquitto.url(), "retained-reader", new MemoryPersistence());
		try {
			reader.connect();
			reader.subscribe(new MqttSubscription[] { new MqttSubscription(topic, 1) },
					new IMqttMessageListener[] { (t, message) -> {
						payload.set(message.getPayload());
						arrived.countDown();
					} });
			arrived.await(1, TimeUnit.SECONDS);
			reader.disconnect();
		}
		finally {
			reader.close();
		}
		return payload.get();
	}

	/**
	 * One minute of SpO2 86-88 % on oxygen for a scale-2 patient whose SpO2 limit is 85
	 * %: stored, scored on scale 2, and no SpO2 alarm.
	 */
	private static void assertScale2PatientOnOxygenRaisesNoSpo2Alarm(TestDevice monitor, String database,
			String patient) {
		Instant base = Instant.now().minus(90, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		for (int s = 0; s < 60; s++) {
			monitor.publishMeasurement(
					reading(base.plusSeconds(s), s, 86 + s % 3, 16).replace("\"o2\":false", "\"o2\":true"),
					"application/json");
		}
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					influx.count(database, "SELECT count(heart_rate) FROM vitals WHERE patient='" + patient + "'"))
				.isEqualTo(60));
		assertThat(influx.query(database, "SELECT state FROM alarms WHERE kind='spo2_low'")).doesNotContain("raised");
		assertThat(influx.query(database, "SELECT last(scale) FROM news2 WHERE patient='" + patient + "'"))
			.contains(",2]");
	}

	/**
	 * Assigns a device from ten minutes ago (the scripted readings lie in the past) and
	 * waits until the ingest follows it.
	 */
	private static void admit(RunningIngest ingest, String device, String patient, String ward, String bed)
			throws Exception {
		new AdminApi(ingest).admit(device, patient, ward, bed, Instant.now().minusSeconds(600));
	}

	private static HttpResponse<String> call(RunningIngest ingest, String method, String path, String body,
			boolean authenticated) throws Exception {
		return new AdminApi(ingest).call(method, path, body, authenticated);
	}

	private static byte[] event(String kind, Instant ts) {
		return ("{\"kind\":\"" + kind + "\",\"ts\":\"" + ts + "\",\"details\":{\"sensor\":\"spo2\"}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String reading(Instant ts, int seq, int spo2, int respRate) {
		return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"values\":{\"heart_rate\":80,\"spo2\":" + spo2
				+ ",\"resp_rate\":" + respRate + ",\"temperature\":37.0,\"systolic_bp\":125},\"o2\":false,"
				+ "\"consciousness\":\"A\"}";
	}

}
