package care.vitals.ingest.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmState;
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
 * Two ingest processes on one Mosquitto (round-robin shared subscription) and one
 * InfluxDB, as a ward runs them for availability: exactly one owns the clinical output,
 * the other evaluates every reading as a hot standby. A monitor's patient desaturates;
 * the alarm is raised once, acknowledged through the standby, and when the owner is
 * SIGKILLed the standby takes over with the alarm's id and acknowledgement, the bed's
 * list never loses it, and the split of the shared subscription fools no sequence-gap
 * detection.
 */
class ClinicalFailoverIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	private static final String LOW_SPO2 = "\"spo2\":80,\"heart_rate\":90,\"resp_rate\":16";

	@TempDir
	Path dir;

	@Test
	void theStandbyTakesOverAKilledOwnersPatientsWithTheirAlarmsIntact() throws Exception {
		influx.createDatabase("failover");
		Instant base = Instant.now().minus(100, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		try (Lease lease = Lease.watch(mosquitto.url());
				BedDisplay display = BedDisplay.watch(mosquitto.url(), "ward-f/1");
				IngestProcess a = new IngestProcess(environment("clin-a"), log("a"));
				IngestProcess b = new IngestProcess(environment("clin-b"), log("b"));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-91")) {
			a.start();
			await().atMost(Duration.ofSeconds(15)).until(() -> "clin-a".equals(lease.holder()));
			b.start();
			AdminApi owner = new AdminApi(a.port());
			AdminApi standby = new AdminApi(b.port());
			owner.admit("mon-91", "p-91", "ward-f", "1", base.minusSeconds(60));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> standby.call("GET", "/api/assignments", null, true).body().contains("p-91"));

			// 40 s of SpO2 80 % (the alarm needs 30), split by the shared subscription
			for (int s = 0; s < 40; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s), "application/json");
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> standby.call("GET", "/api/alarms?ward=ward-f", null, true).body().contains("spo2_low"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> display.latest() != null && !display.latest().alarms().isEmpty());
			String alarmId = display.latest().alarms().get(0).alarmId();
			assertThat(display.latest().alarms().get(0).kind()).isEqualTo("spo2_low");
			await().atMost(Duration.ofSeconds(10))
				.alias("the standby carries the owner's alarm id")
				.until(() -> standby.call("GET", "/api/alarms?ward=ward-f", null, true).body().contains(alarmId));

			// acknowledged at the nurses' station, which talks to the standby
			var ack = standby.call("POST", "/api/alarms/" + alarmId + "/acknowledge", "", true);
			assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
			assertThat(ack.body()).contains("ACKNOWLEDGED");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> display.latest()
					.alarms()
					.stream()
					.anyMatch((x) -> x.alarmId().equals(alarmId) && x.state() == AlarmState.ACKNOWLEDGED));
			int beforeKill = display.lists().size();

			// the owner dies; the patient stays at 80 %
			a.kill();
			await().atMost(Duration.ofSeconds(20)).until(() -> "clin-b".equals(lease.holder()));
			for (int s = 40; s < 60; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s), "application/json");
			}
			// the killed instance restarts (restart: unless-stopped) and stays a standby
			a.start();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(
						influx.count("failover", "SELECT count(spo2) FROM vitals WHERE device='mon-91'"))
					.as("every reading stored once the killed instance's session is back")
					.isEqualTo(60));
			assertThat(lease.holder()).as("the lease stays with the new owner").isEqualTo("clin-b");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(standby.call("GET", "/api/alarms?ward=ward-f", null, true).body())
					.contains(alarmId)
					.contains("ACKNOWLEDGED"));
			List<AlarmList> lists = display.lists();
			assertThat(lists.subList(beforeKill, lists.size()))
				.as("the bed's list never lost the alarm, nor its acknowledgement, over the take-over")
				.isNotEmpty()
				.allMatch((list) -> list.alarms()
					.stream()
					.anyMatch((x) -> x.alarmId().equals(alarmId) && x.state() == AlarmState.ACKNOWLEDGED));
			assertThat(influx.query("failover",
					"SELECT count(state) FROM alarms WHERE kind='spo2_low' AND state='raised' AND restated=false"))
				.as("raised once, by one owner")
				.contains(",1]");
			assertThat(influx.query("failover",
					"SELECT count(state) FROM alarms WHERE kind='spo2_low' AND state='acknowledged' AND restated=false"))
				.as("acknowledged once")
				.contains(",1]");
			assertThat(influx.count("failover", "SELECT count(state) FROM alarms WHERE kind='sequence_gap'"))
				.as("no sequence gap from the split subscription")
				.isZero();
			assertThat(influx.count("failover", "SELECT count(score) FROM news2 WHERE patient='p-91'"))
				.as("NEWS2 scored")
				.isPositive();
		}
	}

	/** Each instance's log, kept under target/ for review. */
	private static Path log(String instance) throws java.io.IOException {
		Path log = Path.of("target", "failover-" + instance + ".log");
		java.nio.file.Files.deleteIfExists(log);
		return log;
	}

	private Map<String, String> environment(String clientId) {
		Map<String, String> environment = new HashMap<>();
		environment.put("MQTT_URL", mosquitto.url());
		environment.put("MQTT_CLIENT_ID", clientId);
		environment.put("MQTT_SHARED_GROUP", "ingest");
		environment.put("INFLUX_API", "v1");
		environment.put("INFLUX_URL", influx.url());
		environment.put("INFLUX_DATABASE", "failover");
		environment.put("SPOOL_DIR", this.dir.resolve("spool-" + clientId).toString());
		environment.put("INGEST_ADMIN_USERNAME", "nurse-1");
		environment.put("INGEST_ADMIN_PASSWORD", "correct-horse-battery");
		return environment;
	}

	private static String reading(Instant ts, int seq) {
		return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"values\":{" + LOW_SPO2 + "},\"o2\":false}";
	}

	/** Follows the retained lease of the clinical output. */
	private static final class Lease implements AutoCloseable {

		private final MqttClient client;

		private volatile String holder;

		private Lease(MqttClient client) {
			this.client = client;
		}

		static Lease watch(String brokerUrl) throws Exception {
			MqttClient client = new MqttClient(brokerUrl, "lease-watch", new MemoryPersistence());
			Lease lease = new Lease(client);
			client.connect();
			client.subscribe(new MqttSubscription[] { new MqttSubscription(Topics.CLINICAL_OWNER, 1) },
					new IMqttMessageListener[] { (topic,
							message) -> lease.holder = new String(message.getPayload(), StandardCharsets.UTF_8) });
			return lease;
		}

		String holder() {
			return this.holder;
		}

		@Override
		public void close() throws Exception {
			if (this.client.isConnected()) {
				this.client.disconnect();
			}
			this.client.close();
		}

	}

}
