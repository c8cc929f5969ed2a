package care.vitals.ingest.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmState;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies, with real Mosquitto, real InfluxDB 1.x and the real ingest stopped and
 * started again, that active alarms are durable: an acknowledged alarm whose condition
 * lasts keeps its id and acknowledgement and never leaves the bed's list; an alarm of a
 * patient discharged while the ingest was down does not come back.
 */
class AlarmRestartIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	private static final String LOW_SPO2 = "\"spo2\":80,\"heart_rate\":90";

	@TempDir
	Path spool;

	/**
	 * Verifies that an acknowledged high SpO2 alarm survives an ingest restart while the
	 * SpO2 stays at 80 %: the bed's retained list never goes empty, and the alarm keeps
	 * its id and its acknowledgement instead of coming back as a new one.
	 */
	@Test
	void anAcknowledgedAlarmSurvivesARestartWithItsIdAndAcknowledgement() throws Exception {
		influx.createDatabase("durable");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-durable", influx.url(), "durable",
				this.spool);
		Instant base = Instant.now().minus(90, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		try (BedDisplay display = BedDisplay.watch(mosquitto.url(), "ward-m/8")) {
			String alarmId = raiseAndAcknowledgeAnSpo2Alarm(properties, base, display);
			int seenBeforeRestart = display.lists().size();
			try (RunningIngest restarted = RunningIngest.start(properties);
					TestDevice monitor = new TestDevice(mosquitto.url(), "mon-78")) {
				for (int s = 40; s < 60; s++) {
					monitor.publishMeasurement(reading(base.plusSeconds(s), s, LOW_SPO2), "application/json");
				}
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(
							influx.count("durable", "SELECT count(spo2) FROM vitals WHERE device='mon-78'"))
						.isEqualTo(60));
				assertThat(new AdminApi(restarted).call("GET", "/api/alarms?ward=ward-m", null, true).body())
					.contains(alarmId)
					.contains("ACKNOWLEDGED");
				assertThat(influx.query("durable",
						"SELECT count(state) FROM alarms WHERE kind='spo2_low' AND state='raised' AND restated=false"))
					.as("raised once, not again after the restart")
					.contains(",1]");
				List<AlarmList> lists = display.lists();
				assertThat(lists.subList(seenBeforeRestart, lists.size()))
					.as("the bed's list never lost the alarm over the restart")
					.allMatch((list) -> list.alarms().stream().anyMatch((a) -> a.alarmId().equals(alarmId)));
			}
		}
	}

	/** 30 s of SpO2 80 %: the high alarm, acknowledged through the API; then a stop. */
	private static String raiseAndAcknowledgeAnSpo2Alarm(Map<String, Object> properties, Instant base,
			BedDisplay display) throws Exception {
		try (RunningIngest ingest = RunningIngest.start(properties);
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-78")) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-78", "p-78", "ward-m", "8", base.minusSeconds(60));
			for (int s = 0; s < 40; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, LOW_SPO2), "application/json");
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> api.call("GET", "/api/alarms?ward=ward-m", null, true).body().contains("spo2_low"));
			String alarms = api.call("GET", "/api/alarms?ward=ward-m", null, true).body();
			String alarmId = alarms.replaceAll("(?s).*\"alarmId\":\"(spo2_low[^\"]+)\".*", "$1");
			assertThat(api.call("POST", "/api/alarms/" + alarmId + "/acknowledge", "", true).statusCode())
				.isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> display.latest() != null && display.latest()
					.alarms()
					.stream()
					.anyMatch((a) -> a.alarmId().equals(alarmId) && a.state() == AlarmState.ACKNOWLEDGED));
			return alarmId;
		}
	}

	/**
	 * Verifies that an alarm of a patient discharged (by an ADT feed) while the ingest
	 * was down is not restored, and the bed's list is cleared.
	 */
	@Test
	void theAlarmOfAPatientDischargedWhileTheIngestWasDownDoesNotComeBack() throws Exception {
		influx.createDatabase("gone");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-gone", influx.url(), "gone",
				this.spool);
		Instant base = Instant.now().minus(60, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		try (BedDisplay display = BedDisplay.watch(mosquitto.url(), "ward-n/9")) {
			try (RunningIngest ingest = RunningIngest.start(properties);
					TestDevice monitor = new TestDevice(mosquitto.url(), "mon-79")) {
				new AdminApi(ingest).admit("mon-79", "p-79", "ward-n", "9", base.minusSeconds(60));
				for (int s = 0; s < 40; s++) {
					monitor.publishMeasurement(reading(base.plusSeconds(s), s, LOW_SPO2), "application/json");
				}
				await().atMost(Duration.ofSeconds(20))
					.until(() -> display.latest() != null && !display.latest().alarms().isEmpty());
			}
			try (TestDevice adt = new TestDevice(mosquitto.url(), "adt-feed")) {
				adt.publishRetained("assignments/mon-79", new byte[0]);
			}
			try (RunningIngest restarted = RunningIngest.start(properties)) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(display.latest().alarms()).as("the bed's list").isEmpty());
				assertThat(new AdminApi(restarted).call("GET", "/api/alarms?ward=ward-n", null, true).body())
					.doesNotContain("p-79");
			}
		}
	}

	/**
	 * Verifies that an instance that cannot confirm the patient state at start says so
	 * with a technical alarm (high, on {@code alarms/ingest/<clientId>} and in
	 * {@code alarms}) instead of silently running without it, restores the state when it
	 * arrives late, and then resolves the technical alarm.
	 */
	@Test
	void aStateNotRestoredAtStartRaisesATechnicalAlarmUntilItIs() throws Exception {
		influx.createDatabase("unrestored");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-unrestored", influx.url(),
				"unrestored", this.spool);
		// no broker answers a sync that fast: the device session starts without the state
		properties.put("ingest.mqtt.state-sync-timeout", "1ms");
		try (BedDisplay display = BedDisplay.watch(mosquitto.url(), "ingest/ingest-unrestored");
				RunningIngest ingest = RunningIngest.start(properties)) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(display.lists())
					.anySatisfy((list) -> assertThat(list.alarms()).singleElement().satisfies((alarm) -> {
						assertThat(alarm.kind()).isEqualTo("state_unrestored");
						assertThat(alarm.priority().name()).isEqualTo("HIGH");
					})));
			await().atMost(Duration.ofSeconds(90))
				.alias("restored late, then resolved")
				.untilAsserted(() -> assertThat(display.latest().alarms()).isEmpty());
			for (String state : new String[] { "raised", "resolved" }) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(influx.query("unrestored",
							"SELECT count(state) FROM alarms WHERE kind='state_unrestored' AND state='" + state + "'"))
						.as(state)
						.contains(",1]"));
			}
		}
	}

	private static String reading(Instant ts, int seq, String values) {
		return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"values\":{" + values + "},\"o2\":false}";
	}

}
