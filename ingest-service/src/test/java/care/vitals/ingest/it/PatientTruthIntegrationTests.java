package care.vitals.ingest.it;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import java.util.Map;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies, as a ward lives it with real Mosquitto, real InfluxDB 1.x and the real
 * ingest, that every reading lands on the right patient and that a real extreme is never
 * silenced: a profound desaturation is stored, scored and alarmed; an impossible value is
 * rejected alone; buffered readings from before a transfer stay with the previous
 * patient; a slow device clock raises {@code clock_skew}, not a flood of {@code no_data}.
 */
class PatientTruthIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void aProfoundDesaturationIsStoredScoredAndAlarmedAndAnImpossibleValueIsRejectedAlone() throws Exception {
		influx.createDatabase("extreme");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-extreme", influx.url(), "extreme", this.spool));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-71")) {
			Instant base = Instant.now().minus(40, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
			new AdminApi(ingest).admit("mon-71", "p-71", "ward-f", "7", base);
			// 35 s of SpO2 45 % with HR 135 and RR 30: a patient, not an artefact.
			for (int s = 0; s < 35; s++) {
				monitor.publishMeasurement(
						reading(base.plusSeconds(s), s,
								"\"spo2\":45,\"heart_rate\":135,"
										+ "\"resp_rate\":30,\"temperature\":37.9,\"systolic_bp\":95"),
						"application/json");
			}
			// one message from a broken probe: SpO2 150 % next to a valid heart rate
			monitor.publishMeasurement(reading(base.plusSeconds(35), 35, "\"spo2\":150,\"heart_rate\":134"),
					"application/json");
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(influx.count("extreme", "SELECT count(spo2) FROM vitals WHERE patient='p-71'"))
					.isEqualTo(35);
				assertThat(influx.count("extreme", "SELECT count(heart_rate) FROM vitals WHERE patient='p-71'"))
					.as("the valid value of the message with the impossible one is kept")
					.isEqualTo(36);
			});
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(influx.query("extreme", "SELECT state, priority FROM alarms WHERE kind='spo2_low'"))
					.contains("raised", "high");
				assertThat(influx.query("extreme", "SELECT state FROM alarms WHERE kind='news2_high'"))
					.contains("raised");
				assertThat(influx.query("extreme",
						"SELECT state, priority, message FROM alarms WHERE kind='implausible_value' AND device='mon-71'"))
					.contains("raised", "medium", "150.0 %");
				assertThat(influx.query("extreme", "SELECT detail FROM rejected WHERE reason='implausible_value'"))
					.contains("spo2", "150");
			});
			// SpO2 45 (3), RR 30 (3), HR 135 (3), SBP 95 (2), temp 37.9 (0), air (0), A
			// (0)
			assertThat(influx.query("extreme", "SELECT max(score) FROM news2 WHERE patient='p-71'")).contains(",11]");
		}
	}

	@Test
	void bufferedReadingsDeliveredAfterATransferStayWithThePatientTheyWereTakenFrom() throws Exception {
		influx.createDatabase("transfer");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-transfer", influx.url(), "transfer", this.spool));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-72")) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-72", "p-a", "ward-g", "2", Instant.now().minusSeconds(60));
			// readings taken on patient A; the monitor buffers them (out of range of the
			// access point) while it is taken off A and put on patient B in bed 3 (a
			// device in use for A is not given to B without A's discharge: no double
			// booking)
			Instant taken = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			Thread.sleep(1_100);
			assertThat(api
				.call("PUT", "/api/assignments/mon-72", "{\"patient\":\"p-b\",\"ward\":\"ward-g\",\"bed\":\"3\"}", true)
				.statusCode()).as("the monitor is in use for p-a").isEqualTo(409);
			assertThat(api.call("DELETE", "/api/assignments/mon-72", null, true).statusCode()).isEqualTo(204);
			api.admit("mon-72", "p-b", "ward-g", "3");
			for (int s = 0; s < 10; s++) {
				monitor.publishMeasurement(
						reading(taken.minusSeconds(10 - s), s, "\"spo2\":97,\"heart_rate\":72,\"resp_rate\":14"),
						"application/json");
			}
			// then live readings from patient B
			Instant now = Instant.now();
			monitor.publishMeasurement(reading(now, 10, "\"spo2\":93,\"heart_rate\":88,\"resp_rate\":18"),
					"application/json");
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(influx.count("transfer",
						"SELECT count(heart_rate) FROM vitals WHERE patient='p-a' AND ward='ward-g' AND bed='2'"))
					.isEqualTo(10);
				assertThat(influx.count("transfer", "SELECT count(heart_rate) FROM vitals WHERE patient='p-b'"))
					.isEqualTo(1);
			});
			assertThat(influx.query("transfer", "SELECT count(score) FROM news2 WHERE patient='p-b'"))
				.as("only B's own reading is scored on B")
				.contains(",1]");
			assertThat(influx.query("transfer", "SELECT count(score) FROM news2 WHERE patient='p-a'"))
				.as("A left the monitor: no bed to alarm at, stored but not scored")
				.doesNotContain(",1");
		}
	}

	@Test
	void aReadingFromBeforeAnyKnownAssignmentIsStoredUnassignedWithAReason() throws Exception {
		influx.createDatabase("unknown");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-unknown", influx.url(), "unknown", this.spool));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-73")) {
			new AdminApi(ingest).admit("mon-73", "p-73", "ward-h", "1");
			monitor.publishMeasurement(reading(Instant.now().minusSeconds(120), 1, "\"spo2\":80"), "application/json");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(
						influx.query("unknown", "SELECT spo2, unassigned FROM vitals WHERE patient='unassigned'"))
					.contains("before_known_assignment"));
			assertThat(influx.query("unknown", "SELECT score FROM news2 WHERE patient='p-73'")).as("never scored")
				.doesNotContain("values");
			assertThat(influx.query("unknown", "SELECT state FROM alarms WHERE patient='p-73' AND kind='spo2_low'"))
				.doesNotContain("values");
		}
	}

	@Test
	void aDeviceWhoseClockIsNinetySecondsSlowRaisesClockSkewAndNoNoDataWhileItSends() throws Exception {
		influx.createDatabase("skew");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-skew", influx.url(), "skew",
				this.spool);
		// a short confirmation window keeps the test short; the default is 2 minutes
		properties.put("ingest.clinical.clock-window", "8s");
		try (RunningIngest ingest = RunningIngest.start(properties);
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-74")) {
			new AdminApi(ingest).admit("mon-74", "p-74", "ward-i", "4");
			Instant started = Instant.now();
			for (int s = 0; s < 20; s++) {
				monitor.publishMeasurement(
						reading(Instant.now().minusSeconds(90), s, "\"spo2\":97,\"heart_rate\":72,\"resp_rate\":14"),
						"application/json");
				Thread.sleep(1_000);
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(influx.query("skew", "SELECT state, value FROM alarms WHERE kind='clock_skew'"))
					.contains("raised");
				assertThat(influx.count("skew", "SELECT count(heart_rate) FROM vitals WHERE patient='p-74'"))
					.as("attributed once the offset is known")
					.isGreaterThanOrEqualTo(5);
			});
			assertThat(influx.query("skew", "SELECT state FROM alarms WHERE kind='no_data'"))
				.as("a device sending every second is never silent")
				.doesNotContain("raised");
			assertThat(influx.query("skew", "SELECT last(heart_rate) FROM vitals WHERE device='mon-74'"))
				.as("readings keep their device time")
				.contains(started.minusSeconds(60).toString().substring(0, 10));
		}
	}

	/**
	 * Verifies that a nurse's ACVPU "V" is not overwritten by the monitor's automatic
	 * "A", is stored as a staff-sourced reading, and survives an ingest restart.
	 */
	@Test
	void aNursesAcvpuWinsOverTheMonitorsAutomaticAlertAndSurvivesARestart() throws Exception {
		influx.createDatabase("acvpu");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-acvpu", influx.url(), "acvpu",
				this.spool);
		Instant base = Instant.now().minus(60, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		try (RunningIngest ingest = RunningIngest.start(properties);
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-75")) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-75", "p-75", "ward-j", "5", base.minusSeconds(60));
			assertThat(api.call("POST", "/api/patients/p-75/observations",
					"{\"observedAt\":\"" + base + "\",\"consciousness\":\"V\",\"oxygen\":true,"
							+ "\"oxygenDevice\":\"nasal_cannula\",\"oxygenFlow\":2,\"values\":{\"temperature\":38.4}}",
					true)
				.statusCode()).isEqualTo(200);
			for (int s = 1; s <= 20; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, NORMAL), "application/json");
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(
						influx.count("acvpu", "SELECT count(heart_rate) FROM vitals WHERE device='mon-75'"))
					.isEqualTo(20));
			String news2 = api.call("GET", "/api/patients/p-75/news2", null, true).body();
			assertThat(news2).contains("\"consciousness\":3");
			assertThat(influx.query("acvpu",
					"SELECT last(consciousness_score), last(sources) FROM news2 " + "WHERE patient='p-75'"))
				.contains(",3,", "consciousness=staff:nurse-1", "o2=staff:nurse-1");
			assertThat(
					influx.query("acvpu",
							"SELECT consciousness, o2_device, o2_flow, temperature, source FROM vitals "
									+ "WHERE device='staff:nurse-1'"))
				.contains("\"V\"", "nasal_cannula", "38.4", "staff");
		}
		try (RunningIngest restarted = RunningIngest.start(properties);
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-75")) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> new AdminApi(restarted).call("GET", "/api/assignments", null, true)
					.body()
					.contains("p-75"));
			monitor.publishMeasurement(reading(base.plusSeconds(30), 30, NORMAL), "application/json");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						new AdminApi(restarted).call("GET", "/api/patients/p-75/news2", null, true).body())
					.contains("\"consciousness\":3"));
		}
	}

	/**
	 * Verifies that an oximeter reading 84 % and a monitor reading 97 % on one patient
	 * raise the SpO2 alarm on the worse source and a technical sources_disagree.
	 */
	@Test
	void anOximeterAt84AndAMonitorAt97RaiseTheSpo2AlarmAndSourcesDisagree() throws Exception {
		influx.createDatabase("sources");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-sources", influx.url(), "sources", this.spool));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-76");
				TestDevice oximeter = new TestDevice(mosquitto.url(), "ox-76")) {
			AdminApi api = new AdminApi(ingest);
			Instant base = Instant.now().minus(60, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
			api.admit("mon-76", "p-76", "ward-k", "6", base.minusSeconds(10));
			api.admit("ox-76", "p-76", "ward-k", "6", base.minusSeconds(10));
			for (int s = 0; s < 40; s++) {
				oximeter.publishMeasurement(reading(base.plusSeconds(s), s, "\"spo2\":84,\"heart_rate\":88"),
						"application/json");
				monitor.publishMeasurement(reading(base.plusSeconds(s).plusMillis(500), s, NORMAL), "application/json");
			}
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(influx.query("sources",
						"SELECT state, priority, device FROM alarms WHERE kind='spo2_low' AND patient='p-76'"))
					.contains("raised", "high", "ox-76");
				assertThat(influx.query("sources", "SELECT state, message FROM alarms WHERE kind='sources_disagree'"))
					.contains("raised", "ox-76", "mon-76");
			});
			assertThat(influx.query("sources", "SELECT count(state) FROM alarms WHERE kind='spo2_low'"))
				.as("one alarm, not reset by the other source")
				.contains(",1]");
		}
	}

	/**
	 * Verifies that the backlog a persistent session collected while the ingest was down
	 * is attributed with the assignments in force: the patient state session is
	 * synchronised before the device session connects.
	 */
	@Test
	void theBacklogOfARestartMeetsTheAssignmentsInForce() throws Exception {
		influx.createDatabase("backlog");
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-backlog", influx.url(), "backlog",
				this.spool);
		Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		try (RunningIngest ingest = RunningIngest.start(properties)) {
			new AdminApi(ingest).admit("mon-77", "p-77", "ward-l", "7", base.minusSeconds(60));
		}
		try (TestDevice monitor = new TestDevice(mosquitto.url(), "mon-77")) {
			for (int s = 0; s < 200; s++) {
				monitor.publishMeasurement(reading(base.plusMillis(s * 100L), s, NORMAL), "application/json");
			}
		}
		try (RunningIngest restarted = RunningIngest.start(properties)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(
						influx.count("backlog", "SELECT count(heart_rate) FROM vitals WHERE device='mon-77'"))
					.isEqualTo(200));
			assertThat(influx.count("backlog",
					"SELECT count(heart_rate) FROM vitals WHERE device='mon-77' AND patient='p-77' AND bed='7'"))
				.isEqualTo(200);
		}
	}

	private static final String NORMAL = "\"spo2\":97,\"heart_rate\":72,\"resp_rate\":14";

	private static String reading(Instant ts, int seq, String values) {
		return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"values\":{" + values + "},\"o2\":false,"
				+ "\"consciousness\":\"A\"}";
	}

}
