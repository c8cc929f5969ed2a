package care.vitals.ingest.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmState;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alarm lifecycle as a ward lives it, with real Mosquitto, real InfluxDB 1.x and the
 * real ingest: a NEWS2 total flickering between 6 and 7 is one alarm; a nurse's second
 * acknowledgement logs nothing; a worsening re-alerts the acknowledged alarm under its
 * id; a limit change merges with the limits in force and delays are bounded; two
 * neighbours' readings in turns each meet their own patient's limits; an unanswered alarm
 * escalates.
 */
class AlarmLifecycleIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	/**
	 * NEWS2 6/7 alternating every second for 90 s (SpO2 93/95 with RR 22, HR 95, SBP 105,
	 * 38.5 °C, alert): one {@code news2_high} episode, never resolved in between;
	 * acknowledged twice, logged once; RR 25 and HR 115 then raise the total by 2: the
	 * same alarm is raised again.
	 */
	@Test
	void aFlickeringScoreIsOneAlarmAndAWorseningReAlertsIt() throws Exception {
		influx.createDatabase("lifecycle");
		Instant base = Instant.now().minus(200, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-lifecycle", influx.url(), "lifecycle", this.spool));
				BedDisplay display = BedDisplay.watch(mosquitto.url(), "ward-l/4");
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-44")) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-44", "p-44", "ward-l", "4", base.minusSeconds(60));
			assertThat(api
				.call("POST", "/api/patients/p-44/observations",
						"{\"observedAt\":\"" + base.minusSeconds(5)
								+ "\",\"consciousness\":\"A\",\"values\":{\"systolic_bp\":105,\"temperature\":38.5}}",
						true)
				.statusCode()).isEqualTo(200);
			for (int s = 0; s < 90; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, (s % 2 == 0) ? 93 : 95, 22, 95),
						"application/json");
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(
						influx.count("lifecycle", "SELECT count(spo2) FROM vitals WHERE patient='p-44'"))
					.isEqualTo(90));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> display.latest() != null && !display.latest().alarms().isEmpty());
			assertThat(influx.query("lifecycle", "SELECT count(score) FROM news2 WHERE patient='p-44' AND score=7"))
				.as("the score did flicker")
				.contains(",");
			assertThat(influx.query("lifecycle",
					"SELECT count(state) FROM alarms WHERE patient='p-44' AND state='raised' AND restated=false"))
				.as("one alarm for the whole flicker")
				.contains(",1]");
			assertThat(influx.count("lifecycle",
					"SELECT count(state) FROM alarms WHERE patient='p-44' AND state='resolved'"))
				.isZero();
			Alarm alarm = display.latest().alarms().get(0);
			assertThat(alarm.kind()).isEqualTo("news2_high");

			HttpResponse<String> first = api.call("POST", "/api/alarms/" + alarm.alarmId() + "/acknowledge", "", true);
			HttpResponse<String> second = api.call("POST", "/api/alarms/" + alarm.alarmId() + "/acknowledge", "", true);
			assertThat(first.statusCode()).isEqualTo(200);
			assertThat(second.statusCode()).as("idempotent").isEqualTo(200);
			assertThat(second.body()).contains("ACKNOWLEDGED");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(influx.query("lifecycle",
						"SELECT count(message) FROM activity WHERE kind='acknowledge' AND patient='p-44'"))
					.as("logged once")
					.contains(",1]"));
			assertThat(influx.query("lifecycle",
					"SELECT actor FROM alarms WHERE patient='p-44' AND state='acknowledged' AND restated=false"))
				.as("the transition names who acknowledged")
				.contains("nurse-1");

			// RR 25 (3) and HR 115 (2) for 90 s (once they are most of the 2-minute
			// median):
			// 7 -> 9, a rise of 2 above the worst total before the acknowledgement
			for (int s = 90; s < 180; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, 93, 25, 115), "application/json");
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(display.latest().alarms()).filteredOn((a) -> a.kind().startsWith("news2_"))
							.singleElement()
							.satisfies((a) -> {
								assertThat(a.alarmId()).isEqualTo(alarm.alarmId());
								assertThat(a.state()).as("raised again").isEqualTo(AlarmState.RAISED);
								assertThat(a.value()).isGreaterThanOrEqualTo(9.0);
							}));
		}
	}

	/**
	 * The limit change of the issue: {@code {"low":86}} on SpO2 keeps the critical limit
	 * of 85 %, so SpO2 80 % still raises the high-priority alarm; a delay of a day is
	 * refused with a clear reason.
	 */
	@Test
	void aLimitChangeMergesWithTheLimitsInForce() throws Exception {
		influx.createDatabase("limits");
		Instant base = Instant.now().minus(60, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-limits", influx.url(), "limits", this.spool));
				BedDisplay display = BedDisplay.watch(mosquitto.url(), "ward-l/5");
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-45")) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-45", "p-45", "ward-l", "5", base.minusSeconds(60));
			HttpResponse<String> changed = api.call("PUT", "/api/patients/p-45/thresholds/spo2", "{\"low\":86}", true);
			assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
			assertThat(changed.body()).contains("\"low\":86").contains("\"criticalLow\":85");
			HttpResponse<String> day = api.call("PUT", "/api/patients/p-45/thresholds/spo2", "{\"delaySeconds\":86400}",
					true);
			assertThat(day.statusCode()).isEqualTo(400);
			assertThat(day.body()).contains("delaySeconds must be between 0 and 120");
			for (int s = 0; s < 40; s++) {
				monitor.publishMeasurement("{\"ts\":\"" + base.plusSeconds(s) + "\",\"seq\":" + s
						+ ",\"values\":{\"spo2\":80,\"heart_rate\":80},\"o2\":false}", "application/json");
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(display.latest()).isNotNull()
					.satisfies((list) -> assertThat(list.alarms())
						.anySatisfy((a) -> assertThat(a.kind() + " " + a.priority()).isEqualTo("spo2_low HIGH"))));
			// the widened limit is visible on the bed, with who and when
			assertThat(display.latest().alarms()).anySatisfy((a) -> {
				assertThat(a.kind()).isEqualTo("limit_changed");
				assertThat(a.message()).contains("SpO2 limit changed").contains("low 86").contains("nurse-1");
			});
			// switching the heart rate alarm off for a few seconds says so too, with its
			// end; at the end the default is back by itself
			assertThat(api
				.call("PUT", "/api/patients/p-45/thresholds/heart_rate",
						"{\"enabled\":false,\"expiresAt\":\"" + Instant.now().plusSeconds(6) + "\"}", true)
				.statusCode()).isEqualTo(200);
			assertThat(api
				.call("PUT", "/api/patients/p-45/thresholds/heart_rate",
						"{\"enabled\":false,\"expiresAt\":\"" + Instant.now().minusSeconds(1) + "\"}", true)
				.statusCode()).as("an expiry in the past").isEqualTo(400);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(display.latest().alarms())
					.anySatisfy((a) -> assertThat(a.message()).contains("Heart rate limit changed: alarm off")
						.contains("until")));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(display.latest().alarms())
					.noneSatisfy((a) -> assertThat(a.message()).contains("Heart rate limit changed")));
			assertThat(api.call("GET", "/api/patients/p-45/settings", null, true).body())
				.as("the override ended by itself")
				.doesNotContain("heart_rate")
				.contains("\"updatedBy\":\"expiry\"");
			assertThat(api.call("DELETE", "/api/patients/p-45/thresholds/spo2", null, true).statusCode())
				.isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(display.latest().alarms())
					.noneSatisfy((a) -> assertThat(a.kind()).isEqualTo("limit_changed")));
		}
	}

	/**
	 * Two beds, their monitors' SpO2 of 89 % arriving in turns for 40 s: the patient
	 * whose low limit a nurse lowered to 86 % has no alarm, the neighbour on the default
	 * 90 % gets {@code spo2_low} after its delay; each reading is judged by its own
	 * patient's rule however the two interleave.
	 */
	@Test
	void neighboursInTurnEachMeetTheirOwnLimits() throws Exception {
		influx.createDatabase("neighbours");
		Instant base = Instant.now().minus(60, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-neighbours", influx.url(), "neighbours", this.spool));
				BedDisplay lowered = BedDisplay.watch(mosquitto.url(), "ward-l/6");
				BedDisplay standard = BedDisplay.watch(mosquitto.url(), "ward-l/7");
				TestDevice first = new TestDevice(mosquitto.url(), "mon-46");
				TestDevice second = new TestDevice(mosquitto.url(), "mon-47")) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-46", "p-46", "ward-l", "6", base.minusSeconds(60));
			api.admit("mon-47", "p-47", "ward-l", "7", base.minusSeconds(60));
			HttpResponse<String> changed = api.call("PUT", "/api/patients/p-46/thresholds/spo2", "{\"low\":86}", true);
			assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
			for (int s = 0; s < 40; s++) {
				first.publishMeasurement(reading(base.plusSeconds(s), s, 89, 16, 80), "application/json");
				second.publishMeasurement(reading(base.plusSeconds(s), s, 89, 16, 80), "application/json");
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(standard.latest()).isNotNull()
					.satisfies((list) -> assertThat(list.alarms())
						.anySatisfy((a) -> assertThat(a.kind() + " " + a.priority()).isEqualTo("spo2_low MEDIUM"))));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(
						influx.count("neighbours", "SELECT count(spo2) FROM vitals WHERE patient='p-46'"))
					.isEqualTo(40));
			assertThat(influx.count("neighbours",
					"SELECT count(state) FROM alarms WHERE patient='p-46' AND kind='spo2_low'"))
				.as("89 % is above the lowered limit")
				.isZero();
			assertThat(lowered.latest() == null ? List.<Alarm>of() : lowered.latest().alarms())
				.noneSatisfy((a) -> assertThat(a.kind()).isEqualTo("spo2_low"));
			assertThat(influx.count("neighbours",
					"SELECT count(state) FROM alarms WHERE patient='p-47' AND kind='spo2_low' AND state='raised'"))
				.isPositive();
		}
	}

	/**
	 * Nobody answers a high-priority alarm: it goes to the nurse in charge, then to the
	 * response team, once each, stored with {@code escalated=true} (what the Grafana
	 * escalation rules fire on) and shown on the bed's list with the episode's start
	 * kept; the acknowledgement stops it. Escalation times shortened to 4 s and 8 s.
	 */
	@Test
	void anUnansweredHighAlarmEscalatesTwiceAndTheAcknowledgementStopsIt() throws Exception {
		influx.createDatabase("escalation");
		var properties = RunningIngest.v1(mosquitto.url(), "ingest-escalation", influx.url(), "escalation", this.spool);
		properties.put("ingest.clinical.escalation.high", "4s,8s");
		try (RunningIngest ingest = RunningIngest.start(properties);
				BedDisplay display = BedDisplay.watch(mosquitto.url(), "ward-l/6");
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-46")) {
			// the alarm's 30 s delay ends at about now
			Instant base = Instant.now().minus(30, ChronoUnit.SECONDS);
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-46", "p-46", "ward-l", "6", base.minusSeconds(60));
			for (int s = 0; s < 35; s++) {
				monitor.publishMeasurement("{\"ts\":\"" + base.plusSeconds(s) + "\",\"seq\":" + s
						+ ",\"values\":{\"spo2\":80,\"heart_rate\":80},\"o2\":false}", "application/json");
			}
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(display.latest()).isNotNull()
					.satisfies((list) -> assertThat(list.alarms())
						.anySatisfy((a) -> assertThat(a.kind() + " " + a.escalation()).isEqualTo("spo2_low 2"))));
			Alarm escalated = display.latest()
				.alarms()
				.stream()
				.filter((a) -> a.kind().equals("spo2_low"))
				.findFirst()
				.orElseThrow();
			assertThat(escalated.since()).as("the episode's start").isBeforeOrEqualTo(escalated.ts());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(influx.query("escalation",
						"SELECT escalation FROM alarms WHERE patient='p-46' AND escalated=true"))
					.as("one line per escalation")
					.contains(",1]")
					.contains(",2]"));
			assertThat(influx.query("escalation",
					"SELECT count(escalation) FROM alarms WHERE patient='p-46' AND escalated=true"))
				.contains(",2]");

			assertThat(api.call("POST", "/api/alarms/" + escalated.alarmId() + "/acknowledge", "", true).statusCode())
				.isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(display.latest().alarms()).anySatisfy((a) -> {
					assertThat(a.alarmId()).isEqualTo(escalated.alarmId());
					assertThat(a.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
					assertThat(a.escalation()).isZero();
					assertThat(a.since()).as("acknowledging keeps since").isEqualTo(escalated.since());
				}));
		}
	}

	private static String reading(Instant ts, int seq, double spo2, double rr, double hr) {
		return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"values\":{\"spo2\":" + spo2 + ",\"resp_rate\":" + rr
				+ ",\"heart_rate\":" + hr + "},\"o2\":false}";
	}

}
