package care.vitals.grafana;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.grafana.GrafanaFiles.AlertRule;
import care.vitals.grafana.GrafanaFiles.Dashboard;
import care.vitals.model.alarm.RiskTable;
import care.vitals.model.news2.News2Risk;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs every provisioned InfluxQL query (dashboard panels, template variables,
 * annotations, alert rules) against a real InfluxDB 1.x filled by the real pipeline: a
 * Mosquitto broker, the ingest-service jar as a child process with its clinical engine,
 * and {@link WardScenario}: patients admitted and an alarm acknowledged through the
 * ingest's admin API, device data published over MQTT. The databases are created by the
 * deployment's own InfluxDB 1.x setup script
 * ({@code deploy/systemd/influxdb-v1-setup.sh}: retention policies {@code raw} and
 * {@code downsampled}, the continuous query, database {@code ops}); the continuous query
 * is run once over the scenario instead of waiting for its 5-minute schedule. The ingest
 * exports its own metrics into {@code ops} (Micrometer, 10 s step). Telegraf does not run
 * here: a few synthetic {@code cpu}, {@code mem}, {@code disk} and {@code chrony} points
 * stand in for it (host {@code nuc-test}, disk 91 % full, clock 0.3 ms off).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionedQueriesIntegrationTests {

	/**
	 * Panels and annotations that may return no data for the scenario (an entry needs a
	 * comment saying why). Empty: with the clinical engine, admissions and an
	 * acknowledgement through the admin API, every panel and annotation has data for
	 * {@code ward-a}, the bed tiles for every bed. A panel on the list that returns data
	 * fails the test, as does a panel without data that is not on it.
	 */
	static final Set<String> PENDING = Set.of();

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	private static IngestProcess ingest;

	private static WardScenario scenario;

	private static String acknowledgedAlarm;

	private static final Map<String, String> timings = new LinkedHashMap<>();

	@BeforeAll
	static void fillInfluxDbThroughTheRealPipeline(@TempDir Path dir) throws Exception {
		long start = System.nanoTime();
		runInfluxDbSetupScript();
		scenario = WardScenario.connect(mosquitto.url());
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("MQTT_URL", mosquitto.url());
		environment.put("MQTT_CLIENT_ID", "grafana-it");
		environment.put("INFLUX_URL", influx.url());
		environment.put("INFLUX_API", "v1");
		environment.put("INFLUX_DATABASE", "vitals");
		environment.put("SPOOL_DIR", dir.resolve("spool").toString());
		environment.put("SERVER_PORT", "0");
		environment.put("OPS_METRICS_ENABLED", "true");
		environment.put("INFLUX_OPS_DATABASE", "ops");
		environment.put("INGEST_ADMIN_USERNAME", WardScenario.NURSE);
		environment.put("INGEST_ADMIN_PASSWORD", "grafana-it-" + UUID.randomUUID());
		// bed 4 is on the station's list and never occupied: the overview shows it empty
		environment.put("STATION_BEDS", "ward-a/1,ward-a/2,ward-a/3,ward-a/4");
		environment.put("ACCOUNTS_FILE", dir.resolve("accounts.json").toString());
		ingest = IngestProcess.start(environment, dir);
		timings.put("ingest started", seconds(start));
		scenario.admit(ingest);
		scenario.publishDevices();
		await("the ingest to store the scenario").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("SELECT count(\"seq\") FROM \"vitals\"") == WardScenario.SEQUENCED_READINGS
					&& count("SELECT count(\"size\") FROM \"rejected\"") == WardScenario.REJECTED
					&& count("SELECT count(\"message\") FROM \"device_events\"") == WardScenario.EVENTS
					&& count("SELECT count(\"online\") FROM \"device_status\"") == WardScenario.STATUSES);
		assertThat(count(
				"SELECT count(\"seq\") FROM \"vitals\" WHERE \"patient\" = 'unassigned' AND \"device\" =~ /^mon-a/"))
			.as("readings of assigned devices stored as unassigned (assignment not applied)")
			.isZero();
		acknowledgedAlarm = scenario.acknowledgeSpO2Alarm(ingest);
		await("the acknowledgement and the activity log to be stored").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("SELECT count(\"message\") FROM \"activity\"") == WardScenario.ACTIVITIES
					&& count("SELECT count(\"message\") FROM \"alarms\" WHERE \"state\" = 'acknowledged'") > 0);
		await("the ward board's snapshot of every bed (beds, every 5 s)").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count(
					"SELECT count(\"occupied\") FROM \"beds\" WHERE \"ward\" = 'ward-a' AND \"bed\" = '4'") > 0
					&& count("SELECT count(\"occupied\") FROM \"beds\" WHERE \"ward\" = 'ward-a' AND \"bed\" = '3' "
							+ "AND \"occupied\" = true") > 0);
		timings.put("scenario stored", seconds(start));
		runContinuousQueryOnce();
		writeSyntheticTelegrafPoints();
		try {
			await("the ingest's metrics export (Micrometer influx registry, step 10 s) into ops")
				.atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> sum("ingest_messages_received") > 0 && sum("ingest_messages_rejected") > 0
						&& sum("ingest_lines_written") > 0);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The ingest exported no ops metrics within 90 s; log:\n" + ingest.logTail(), ex);
		}
		timings.put("ops metrics exported", seconds(start));
	}

	@AfterAll
	static void stop() throws Exception {
		if (scenario != null) {
			scenario.disconnect();
		}
		if (ingest != null) {
			ingest.close();
		}
		System.out.println("[grafana-verification] " + timings);
	}

	@Test
	@Order(0)
	void theClinicalEngineScoredEveryBedRaisedBed2sAlarmsAndLoggedTheAdminActions() {
		// NEWS2 per bed: written on change and restated every 5 min of reading time.
		Map<String, Long> scores = Map.of("p-1001", 0L, "p-1002", 10L, "p-1003", 1L);
		scores.forEach((patient, score) -> {
			assertThat(count("SELECT count(\"score\") FROM \"news2\" WHERE \"patient\" = '" + patient + "'"))
				.as("NEWS2 records of " + patient + " (first score, restated after 5 min)")
				.isGreaterThanOrEqualTo(2);
			assertThat(count("SELECT last(\"score\") FROM \"news2\" WHERE \"patient\" = '" + patient
					+ "' AND \"ward\" = 'ward-a'"))
				.as("latest NEWS2 of " + patient)
				.isEqualTo(score);
		});
		assertThat(count("SELECT count(\"score\") FROM \"news2\" WHERE \"patient\" = 'p-1001' AND time > '"
				+ scenario.now().minus(Duration.ofMinutes(13)) + "'"))
			.as("stable p-1001 over the last 12 minutes: scored, restated twice")
			.isEqualTo(3);
		for (String state : List.of("raised", "acknowledged")) {
			assertThat(count("SELECT count(\"state\") FROM \"alarms\" WHERE \"alarm_id\" = '" + acknowledgedAlarm
					+ "' AND \"patient\" = 'p-1002' AND \"bed\" = '2' AND \"state\" = '" + state + "'"))
				.as("the SpO2 alarm of bed 2 " + state)
				.isPositive();
		}
		assertThat(count("SELECT count(\"state\") FROM \"alarms\" WHERE \"kind\" = 'news2_high' AND \"bed\" = '2'"))
			.isPositive();
		// no_data is left out: it follows the wall clock, 60 s after the last reading
		assertThat(count("SELECT count(\"state\") FROM \"alarms\" WHERE \"bed\" = '1' AND \"kind\" != 'no_data'"))
			.as("stable bed 1: no alarm")
			.isZero();
		assertThat(count("SELECT count(\"message\") FROM \"activity\" WHERE \"kind\" = 'admit' AND \"actor\" = '"
				+ WardScenario.NURSE + "' AND \"ward\" = 'ward-a'"))
			.isEqualTo(3);
		assertThat(count("SELECT count(\"message\") FROM \"activity\" WHERE \"kind\" = 'acknowledge' AND \"actor\" = '"
				+ WardScenario.NURSE + "' AND \"patient\" = 'p-1002'"))
			.isEqualTo(1);
	}

	@Test
	@Order(1)
	void everyAlertRuleQueryRunsAndFiresExactlyWhereTheScenarioSaysItShould() {
		Map<String, Expectation> expected = new LinkedHashMap<>();
		// Bed 2: HR 118, RR 24, 38.4 Cel, SBP 98, SpO2 88 % on air: NEWS2 10, SpO2 alone
		// scores 3. Beds 1 (NEWS2 0) and 3 (NEWS2 1) are evaluated and quiet.
		expected.put("news2-high", Expectation.firesFor(Map.of("bed", "2")));
		expected.put("news2-medium", Expectation.QUIET);
		expected.put("news2-single-parameter-3", Expectation.firesFor(Map.of("bed", "2")));
		expected.put("spo2-below-90", Expectation.firesFor(Map.of("bed", "2")));
		// SpO2 88: the medium rule (85-90), not the high one (below 85)
		expected.put("spo2-below-85", Expectation.QUIET);
		expected.put("device-offline", Expectation.firesFor(Map.of("device", "mon-a3")));
		expected.put("device-no-data", Expectation.firesFor(Map.of("device", "mon-a3")));
		expected.put("ingest-lag", Expectation.HAS_DATA);
		expected.put("ingest-spool-growing", Expectation.QUIET);
		expected.put("dead-letters-spiking", Expectation.QUIET);
		// no device of the scenario has a skewed clock (no series); firing:
		// aDeviceClockSkewAlarmThatIsActiveFiresTheClockRule below
		expected.put("device-clock-skew", Expectation.NO_SERIES);
		expected.put("disk-usage", Expectation.firesFor(Map.of("host", "nuc-test")));
		// nuc-test's clock is 0.3 ms off and synchronised; beyond 1 s and unsynchronised:
		// theNucClockRuleFiresBeyondOneSecondEitherWayAndHasNoDataWhenNotSynchronised
		expected.put("nuc-clock-offset", Expectation.QUIET);
		// nuc-test's EMQX counters are flat; increases, restarts, Mosquitto:
		// theBrokerDropRuleFiresOnAnIncreaseOfALossCounterOfEitherBroker
		expected.put("broker-dropped-messages", Expectation.QUIET);
		expected.put("ingest-metrics-missing", Expectation.QUIET);
		expected.put("vitals-database-unreachable", Expectation.QUIET);
		// bed 2's NEWS2 alarm was raised from readings minutes old and nobody
		// acknowledged it: the engine escalated it to both levels at its first tick
		// (levels and restatements: anEscalationOfTheEngineFiresTheEscalationRulesOnce)
		expected.put("alarm-escalated-nurse-in-charge", Expectation.firesFor(Map.of("bed", "2")));
		expected.put("alarm-escalated-response-team", Expectation.firesFor(Map.of("bed", "2")));
		List<AlertRule> rules = GrafanaFiles.alertRules();
		assertThat(expected.keySet()).as("every rule has an expectation here")
			.containsExactlyInAnyOrderElementsOf(rules.stream().map(AlertRule::uid).toList());
		List<String> problems = new ArrayList<>();
		List<String> firingSummary = new ArrayList<>();
		for (AlertRule rule : rules) {
			Map<String, Object> query = rule.query("A");
			String datasource = String.valueOf(query.get("datasourceUid"));
			int range = (Integer) GrafanaFiles.map(query, "relativeTimeRange").get("from");
			// Vitals rules see the database as Grafana did at the end of the scenario;
			// ops
			// rules now, after the metrics export. Queries using now() run at server
			// time.
			Instant at = datasource.equals("vitals-influxql") ? scenario.now().plusSeconds(5) : Instant.now();
			String influxQl = InfluxQlTemplate.lastRange(Duration.ofSeconds(range), at)
				.expand(String.valueOf(rule.model("A").get("query")));
			Run run = run(Queries.database(datasource), influxQl);
			if (run.failure() != null) {
				problems.add(rule.uid() + ": " + run.failure());
				continue;
			}
			Map<Map<String, String>, Boolean> firing = AlertEvaluation.evaluate(rule, run.result());
			firing.forEach((tags, fires) -> {
				if (fires) {
					firingSummary.add(rule.uid() + " " + tags);
				}
			});
			String verdict = expected.get(rule.uid()).check(firing);
			if (verdict != null) {
				problems.add(rule.uid() + ": " + verdict + " (series: " + firing + ")");
			}
			if (rule.uid().startsWith("news2-")) {
				Set<String> beds = new TreeSet<>();
				firing.keySet().forEach((tags) -> beds.add(tags.get("bed")));
				if (!beds.equals(Set.of("1", "2", "3"))) {
					problems.add(rule.uid() + ": evaluates beds " + beds
							+ ", expected every bed of the ward (NEWS2 restated within the rule's 10 minutes)");
				}
			}
		}
		assertThat(problems).isEmpty();
		System.out
			.println("[grafana-verification] " + rules.size() + " alert rules evaluated, firing: " + firingSummary);
	}

	@Test
	@Order(2)
	void variableQueriesFindTheScenario() {
		assertThat(resolve(GrafanaFiles.dashboard("vitals-ward-overview")).options())
			.containsEntry("bed", List.of("1", "2", "3", "4"))
			.hasEntrySatisfying("ward", (wards) -> assertThat(wards).contains(WardScenario.WARD));
		assertThat(resolve(GrafanaFiles.dashboard("vitals-patient-detail")).options().get("patient"))
			.containsExactly("p-1001", "p-1002", "p-1003");
		assertThat(resolve(GrafanaFiles.dashboard("vitals-device-fleet")).options().get("device")).contains("mon-a1",
				"mon-a2", "mon-a3", "mon-x9");
		Resolved pipeline = resolve(GrafanaFiles.dashboard("vitals-pipeline"));
		assertThat(pipeline.options().get("instance")).containsExactly("grafana-it");
		assertThat(pipeline.options().get("host")).containsExactly("nuc-test");
	}

	@Test
	@Order(3)
	void everyPanelQueryRunsAndEveryPanelReturnsDataForTheScenarioWard() {
		long start = System.nanoTime();
		PanelRuns runs = new PanelRuns();
		for (Dashboard dashboard : GrafanaFiles.dashboards()) {
			Resolved resolved = resolve(dashboard);
			switch (dashboard.uid()) {
				case "vitals-ward-overview" -> {
					runPanels(dashboard, resolved.template(), (panel) -> dashboard.repeatVariable(panel) == null, runs,
							false);
					for (String bed : resolved.options().get("bed")) {
						// bed 4 is empty: its tiles run (and show it empty, see
						// bedTilesShowWhatTheWardStationShows), without data to require
						runPanels(dashboard, resolved.template().copy().with("bed", List.of(bed), true),
								(panel) -> "bed".equals(dashboard.repeatVariable(panel)),
								bed.equals("4") ? runs.failuresOnly() : runs, false);
					}
				}
				case "vitals-patient-detail" -> {
					for (String patient : resolved.options().get("patient")) {
						InfluxQlTemplate template = resolved.template().copy().with("patient", List.of(patient), false);
						runPanels(dashboard, template, (panel) -> true, runs, true);
						runAnnotations(dashboard, template, runs);
					}
				}
				default -> runPanels(dashboard, resolved.template(), (panel) -> true, runs, false);
			}
		}
		timings.put("panel queries", runs.queries + " in " + seconds(start));
		assertThat(runs.failures).as("queries InfluxDB refused").isEmpty();
		Set<String> withoutData = new TreeSet<>(runs.panels);
		withoutData.removeAll(runs.withData);
		Set<String> unexpected = new TreeSet<>(withoutData);
		unexpected.removeAll(PENDING);
		assertThat(unexpected).as("panels without data for ward-a (every bed, or one patient of it)").isEmpty();
		Set<String> nowWithData = new TreeSet<>(PENDING);
		nowWithData.retainAll(runs.withData);
		assertThat(nowWithData).as("pending panels that return data now: remove them from the pending list").isEmpty();
		assertThat(runs.panels).as("every pending entry is a real panel").containsAll(PENDING);
		System.out.println("[grafana-verification] " + runs.panels.size() + " panels/annotations, " + runs.queries
				+ " queries, " + runs.withData.size() + " with data, pending: " + withoutData);
	}

	@Test
	@Order(4)
	void patientDetailPresetsRunAndTheSevenDayPresetReadsDownsampledData() {
		Dashboard dashboard = GrafanaFiles.dashboard("vitals-patient-detail");
		Pattern from = Pattern.compile("from=now-(\\w+)");
		List<String> problems = new ArrayList<>();
		boolean downsampledData = false;
		int downsampledQueries = 0;
		for (JsonNode link : dashboard.json().path("links")) {
			Matcher matcher = from.matcher(link.path("url").asString());
			if (!matcher.find()) {
				continue;
			}
			Duration range = InfluxQlTemplate.parseDuration(matcher.group(1));
			Resolved resolved = resolve(dashboard, range);
			InfluxQlTemplate template = resolved.template().copy().with("patient", List.of("p-1001"), false);
			for (JsonNode panel : dashboard.dataPanels()) {
				InfluxQlTemplate panelTemplate = template.withMinInterval(panel.path("interval").asString());
				for (JsonNode target : panel.path("targets")) {
					Run run = run(Queries.database(target.path("datasource")),
							panelTemplate.expand(target.path("query").asString()));
					if (run.failure() != null) {
						problems.add(link.path("title").asString() + " / " + panel.path("title").asString() + ": "
								+ run.failure());
					}
					else if (range.toDays() >= 7 && target.path("query").asString().contains("\"downsampled\"")) {
						downsampledQueries++;
						downsampledData |= run.result().hasData();
					}
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(downsampledQueries).isGreaterThanOrEqualTo(5);
		assertThat(downsampledData).as("the 7 d preset shows the 1-minute means of 13 hours ago").isTrue();
	}

	/**
	 * Verifies, with the real pipeline, that the ward overview's NEWS2 and Risk tiles
	 * give a risk colour only to a complete score: patient {@code p-2001} (ward-b, bed 1)
	 * was never assessed by a nurse, so the ingest scores partially (consciousness
	 * missing, 9 points known) and the tiles show it without colour; bed 2 of ward-a
	 * (complete, NEWS2 10) is red, as the engine's risk table says.
	 */
	@Test
	@Order(5)
	void news2TilesColourOnlyACompleteScore() throws Exception {
		scenario.admitAndMonitorAnUnassessedPatient(ingest);
		// bed 2's score is current again (the board colours a score no older than 6 min)
		scenario.refreshBed2();
		await("the partial NEWS2 of p-2001").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("SELECT count(\"score\") FROM \"news2\" WHERE \"patient\" = 'p-2001'") > 0
					&& "incomplete".equals(newestBed("ward-b", "1").path("news2_status").asString())
					&& "current".equals(newestBed(WardScenario.WARD, "2").path("news2_status").asString()));
		assertThat(count("SELECT count(\"score\") FROM \"news2\" WHERE \"patient\" = 'p-2001' AND \"partial\" = false"))
			.as("scores of p-2001 that are complete")
			.isZero();
		Dashboard dashboard = GrafanaFiles.dashboard("vitals-ward-overview");
		Set<String> riskColours = new TreeSet<>();
		for (News2Risk risk : News2Risk.values()) {
			riskColours.add(RiskTable.colour(risk).code());
		}
		for (String title : List.of("NEWS2", "Risk")) {
			JsonNode panel = dashboard.dataPanels()
				.stream()
				.filter((candidate) -> title.equals(candidate.path("title").asString()))
				.findFirst()
				.orElseThrow();
			List<String> partial = shownColours(panel, "ward-b", "1");
			assertThat(partial).as(title + " of a partial score").isNotEmpty().doesNotContainAnyElementsOf(riskColours);
			assertThat(shownColours(panel, WardScenario.WARD, "2")).as(title + " of bed 2, complete NEWS2 10")
				.containsExactly(RiskTable.colour(News2Risk.HIGH).code());
		}
		// Patient detail, Latest NEWS2: a partial score comes as "NEWS2 at least"
		// (uncoloured, no risk), a complete one as NEWS2 (coloured by its total)
		JsonNode latest = GrafanaFiles.dashboard("vitals-patient-detail")
			.dataPanels()
			.stream()
			.filter((candidate) -> "Latest NEWS2".equals(candidate.path("title").asString()))
			.findFirst()
			.orElseThrow();
		Map<String, Set<String>> partial = tableColumns(latest, "ward-b", "p-2001");
		assertThat(partial).containsOnlyKeys("B");
		assertThat(partial.get("B")).contains("NEWS2 at least").doesNotContain("NEWS2", "risk");
		Map<String, Set<String>> complete = tableColumns(latest, WardScenario.WARD, "p-1002");
		assertThat(complete).containsOnlyKeys("A");
		assertThat(complete.get("A")).contains("NEWS2", "risk");
		assertThat(columnOverride(latest, "NEWS2 at least").toString()).doesNotContain("color-background",
				"thresholds");
		assertThat(columnOverride(latest, "NEWS2").toString()).contains("color-background", "thresholds");
	}

	/**
	 * Verifies, with the real pipeline, that every bed tile shows what the ward station
	 * shows (the ingest writes its board every 5 s): a listed bed never occupied and a
	 * bed right after its discharge are empty (no patient, no score, no vitals), a
	 * patient admitted without any reading has a tile at once, an old complete score has
	 * no risk colour, a bed's devices are shown one by one (an oximeter offline is red
	 * while the monitor beside it reports), alarms not yet acknowledged are counted apart
	 * from acknowledged ones, and a limit changed is an indication, not an alarm.
	 */
	@Test
	@Order(7)
	void bedTilesShowWhatTheWardStationShows() throws Exception {
		Dashboard dashboard = GrafanaFiles.dashboard("vitals-ward-overview");
		Set<String> riskColours = new TreeSet<>();
		for (News2Risk risk : News2Risk.values()) {
			riskColours.add(RiskTable.colour(risk).code());
		}

		// bed 4: listed, never occupied
		assertThat(shown(dashboard, "Patient", "4")).containsExactly("Empty bed");
		assertThat(shown(dashboard, "HR", "4")).containsExactly("—");
		assertThat(shown(dashboard, "Risk", "4")).containsExactly("—");
		assertThat(shownColours(panel(dashboard, "NEWS2"), WardScenario.WARD, "4"))
			.doesNotContainAnyElementsOf(riskColours);
		assertThat(shown(dashboard, "Devices", "4")).isEmpty();

		// bed 3: its monitor stopped 6+ minutes ago: the complete score is old,
		// uncoloured
		assertThat(shown(dashboard, "NEWS2", "3")).containsExactly("1 (old)");
		assertThat(shownColours(panel(dashboard, "NEWS2"), WardScenario.WARD, "3"))
			.doesNotContainAnyElementsOf(riskColours);
		assertThat(shown(dashboard, "Risk", "3")).containsExactly("NOT CURRENT");
		assertThat(shown(dashboard, "Devices", "3")).anyMatch((text) -> text.contains("device offline"));

		// bed 2: alarms raised and acknowledged counted apart, as the ward station's API
		// lists them
		int raisedHigh = 0;
		int acknowledged = 0;
		for (JsonNode alarm : ingest.admin("GET", "/api/alarms?ward=ward-a&patient=p-1002", null)) {
			if ("limit_changed".equals(alarm.path("kind").asString())) {
				continue;
			}
			if ("ACKNOWLEDGED".equalsIgnoreCase(alarm.path("state").asString())) {
				acknowledged++;
			}
			else if ("HIGH".equalsIgnoreCase(alarm.path("priority").asString())) {
				raisedHigh++;
			}
		}
		assertThat(acknowledged).as("the SpO2 alarm acknowledged in the scenario").isPositive();
		Map<String, String> alarms = shownByField(dashboard, "Alarms", "2");
		assertThat(alarms).containsEntry("high", Integer.toString(raisedHigh))
			.containsEntry("ack", Integer.toString(acknowledged));

		// bed 1: an oximeter added to the patient goes offline while the monitor reports
		ingest.admin("PUT", "/api/assignments/ox-a1", "{\"patient\":\"p-1001\",\"ward\":\"ward-a\",\"bed\":\"1\"}");
		scenario.oximeterOfflineWhileTheMonitorReports("ox-a1", "mon-a1");
		// and a charge nurse lowers the SpO2 limit of p-1001 below the default
		ingest.admin("PUT", "/api/patients/p-1001/thresholds/spo2", "{\"low\":85,\"criticalLow\":80}");
		// bed 5: a patient admitted on a monitor that has sent nothing yet
		ingest.admin("PUT", "/api/assignments/mon-a5", "{\"patient\":\"p-4001\",\"ward\":\"ward-a\",\"bed\":\"5\"}");
		await("the board shows the new devices, the limit and bed 5").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> shown(dashboard, "Devices", "1").size() == 2
					&& shown(dashboard, "Devices", "1").stream().anyMatch((text) -> text.contains("device offline"))
					&& shown(dashboard, "Limits", "1").equals(List.of("CHANGED"))
					&& shown(dashboard, "Patient", "5").equals(List.of("p-4001")));
		assertThat(shownByField(dashboard, "Devices", "1")).containsEntry("mon-a1", "OK")
			.hasEntrySatisfying("ox-a1", (text) -> assertThat(text).contains("device offline"));
		assertThat(colours(dashboard, "Devices", "1")).containsExactlyInAnyOrder("green", "red");
		assertThat(shownByField(dashboard, "Alarms", "1")).as("a limit changed is not an alarm")
			.containsEntry("low", "0");
		assertThat(resolve(dashboard).options().get("bed")).contains("5");
		assertThat(shown(dashboard, "NEWS2", "5")).containsExactly("no score");
		assertThat(shown(dashboard, "HR", "5")).containsExactly("—");

		// bed 5 discharged: empty at the next snapshot
		ingest.admin("DELETE", "/api/assignments/mon-a5", null);
		await("bed 5 empty").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> shown(dashboard, "Patient", "5").equals(List.of("Empty bed")));
		assertThat(shown(dashboard, "NEWS2", "5")).containsExactly("");
		assertThat(shown(dashboard, "Risk", "5")).containsExactly("—");

		// the tile's link: the bed page of the ward station exists for that bed
		HttpResponse<String> bedPage = ingest.page("/station/wards/ward-a/beds/1");
		assertThat(bedPage.statusCode()).as(() -> bedPage.body() + "\n" + ingest.logTail()).isEqualTo(200);
		assertThat(bedPage.body()).contains("Bed 1").contains("p-1001");
	}

	private static JsonNode panel(Dashboard dashboard, String title) {
		return dashboard.dataPanels()
			.stream()
			.filter((candidate) -> title.equals(candidate.path("title").asString()))
			.findFirst()
			.orElseThrow();
	}

	/** What a bed tile shows: the text of every value of the fields it displays. */
	private static List<String> shown(Dashboard dashboard, String title, String bed) {
		return new ArrayList<>(shownByField(dashboard, title, bed).values());
	}

	/**
	 * What a bed tile shows, by the name of each value (the field, or the device of a
	 * series grouped by device): the fields its {@code reduceOptions.fields} selects, of
	 * the newest row, null as {@code noValue}.
	 */
	private static Map<String, String> shownByField(Dashboard dashboard, String title, String bed) {
		JsonNode panel = panel(dashboard, title);
		Map<String, String> shown = new LinkedHashMap<>();
		forEachShown(panel, bed, (name, value) -> shown.put(name, StatDisplay.text(panel, value)));
		return shown;
	}

	private static List<String> colours(Dashboard dashboard, String title, String bed) {
		JsonNode panel = panel(dashboard, title);
		List<String> colours = new ArrayList<>();
		forEachShown(panel, bed, (name, value) -> colours.add(StatDisplay.colour(panel, "A", value)));
		return colours;
	}

	private static void forEachShown(JsonNode panel, String bed, java.util.function.BiConsumer<String, JsonNode> each) {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofMinutes(15), Instant.now())
			.with("ward", List.of(WardScenario.WARD), false)
			.with("bed", List.of(bed), true);
		String selected = panel.path("options").path("reduceOptions").path("fields").asString();
		Pattern fields = selected.isEmpty() ? null : Pattern.compile(selected.substring(1, selected.length() - 1));
		for (JsonNode target : panel.path("targets")) {
			Run run = run(Queries.database(target.path("datasource")),
					template.expand(target.path("query").asString()));
			assertThat(run.failure()).isNull();
			for (InfluxResult.Series series : run.result().series()) {
				List<JsonNode> newest = series.rows().get(series.rows().size() - 1);
				for (int i = 0; i < series.columns().size(); i++) {
					String column = series.columns().get(i);
					if (column.equals("time") || (fields != null && !fields.matcher(column).matches())) {
						continue;
					}
					String name = series.tags().containsKey("device") ? series.tags().get("device") : column;
					each.accept(name, newest.get(i));
				}
			}
		}
	}

	/** The newest board snapshot of a bed, as a JSON object of its fields. */
	private static JsonNode newestBed(String ward, String bed) {
		InfluxResult result = InfluxResult.parse(influx.query("vitals", "SELECT * FROM \"beds\" WHERE \"ward\" = '"
				+ ward + "' AND \"bed\" = '" + bed + "' ORDER BY time DESC LIMIT 1"));
		tools.jackson.databind.node.ObjectNode fields = GrafanaFiles.JSON.createObjectNode();
		for (InfluxResult.Series series : result.series()) {
			for (int i = 0; i < series.columns().size(); i++) {
				fields.set(series.columns().get(i), series.rows().get(0).get(i));
			}
		}
		return fields;
	}

	/** The columns of every query of a table panel that returns a row, by refId. */
	private static Map<String, Set<String>> tableColumns(JsonNode panel, String ward, String patient) {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofHours(1), Instant.now())
			.with("ward", List.of(ward), false)
			.with("patient", List.of(patient), false);
		Map<String, Set<String>> columns = new TreeMap<>();
		for (JsonNode target : panel.path("targets")) {
			Run run = run(Queries.database(target.path("datasource")),
					template.expand(target.path("query").asString()));
			assertThat(run.failure()).isNull();
			if (run.result().hasData()) {
				columns.put(target.path("refId").asString(), new TreeSet<>(run.result().series().get(0).columns()));
			}
		}
		return columns;
	}

	private static JsonNode columnOverride(JsonNode panel, String column) {
		for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
			if ("byName".equals(override.path("matcher").path("id").asString())
					&& column.equals(override.path("matcher").path("options").asString())) {
				return override.path("properties");
			}
		}
		return GrafanaFiles.JSON.missingNode();
	}

	/**
	 * Verifies that the platform rule on device clocks fires for a device whose
	 * {@code clock_skew} alarm is active (its latest record is not {@code resolved}), and
	 * not for one whose alarm has ended.
	 */
	@Test
	@Order(6)
	void aDeviceClockSkewAlarmThatIsActiveFiresTheClockRule() {
		Instant now = Instant.now();
		influx.write("vitals",
				String.join("\n", clockSkew("mon-clock-1", "raised", now.minusSeconds(60)),
						clockSkew("mon-clock-2", "raised", now.minusSeconds(120)),
						clockSkew("mon-clock-2", "resolved", now.minusSeconds(30))));
		AlertRule rule = GrafanaFiles.alertRules()
			.stream()
			.filter((candidate) -> candidate.uid().equals("device-clock-skew"))
			.findFirst()
			.orElseThrow();
		String influxQl = InfluxQlTemplate.lastRange(Duration.ofSeconds(600), now)
			.expand(String.valueOf(rule.model("A").get("query")));
		Run run = run(Queries.database("vitals-influxql"), influxQl);
		assertThat(run.failure()).isNull();
		Map<Map<String, String>, Boolean> firing = AlertEvaluation.evaluate(rule, run.result());
		assertThat(firing).as("series of the clock rule").containsEntry(Map.of("device", "mon-clock-1"), true);
		assertThat(firing.keySet()).noneMatch((tags) -> "mon-clock-2".equals(tags.get("device")));
	}

	/**
	 * The escalation rules fire on the engine's escalation lines of the last 2 minutes:
	 * level 1 notifies the nurse in charge, level 2 the response team (and the nurse in
	 * charge again); restatements of an escalated alarm and older escalations do not.
	 */
	@Test
	@Order(7)
	void anEscalationOfTheEngineFiresTheEscalationRulesOnce() {
		Instant now = Instant.now();
		influx.write("vitals", String.join("\n", escalation("7", 1, true, now.minusSeconds(30)),
				escalation("8", 1, true, now.minusSeconds(60)), escalation("8", 2, true, now.minusSeconds(20)),
				escalation("9", 2, false, now.minusSeconds(10)), escalation("10", 2, true, now.minusSeconds(400))));
		Map<String, Set<String>> firingBeds = new LinkedHashMap<>();
		for (String uid : List.of("alarm-escalated-nurse-in-charge", "alarm-escalated-response-team")) {
			AlertRule rule = GrafanaFiles.alertRules()
				.stream()
				.filter((candidate) -> candidate.uid().equals(uid))
				.findFirst()
				.orElseThrow();
			String influxQl = InfluxQlTemplate.lastRange(Duration.ofSeconds(120), now)
				.expand(String.valueOf(rule.model("A").get("query")));
			Run run = run(Queries.database("vitals-influxql"), influxQl);
			assertThat(run.failure()).isNull();
			Set<String> beds = new TreeSet<>();
			AlertEvaluation.evaluate(rule, run.result()).forEach((tags, fires) -> {
				if (fires && "ward-e".equals(tags.get("ward"))) {
					beds.add(tags.get("bed"));
				}
			});
			firingBeds.put(uid, beds);
		}
		assertThat(firingBeds.get("alarm-escalated-nurse-in-charge")).containsExactly("7", "8");
		assertThat(firingBeds.get("alarm-escalated-response-team")).containsExactly("8");
	}

	/**
	 * The rule on the NUC's own clock fires for a host whose latest offset (chronyd's
	 * {@code system_time}, either sign) is beyond 1 s, stays quiet within it, and has no
	 * series for a host whose chronyd reports "not synchronized" the whole window, which
	 * the rule's provisioning turns into an alert (no data: Alerting), as it does when
	 * chrony does not report at all.
	 */
	@Test
	@Order(8)
	void theNucClockRuleFiresBeyondOneSecondEitherWayAndHasNoDataWhenNotSynchronised() {
		long now = System.currentTimeMillis() * 1_000_000L;
		long minute = 60_000_000_000L;
		influx.write("ops", String.join("\n", chrony("nuc-fast", "normal", 2.5, now - minute),
				chrony("nuc-slow", "normal", -0.4, now - 2 * minute), chrony("nuc-slow", "normal", -1.7, now - minute),
				chrony("nuc-ok", "normal", 3.2, now - 3 * minute), chrony("nuc-ok", "normal", 0.98, now - minute),
				chrony("nuc-unsync", "not synchronized", 0.0, now - 2 * minute),
				chrony("nuc-unsync", "not synchronized", 0.0, now - minute),
				chrony("nuc-gone", "normal", 4.0, now - 10 * minute)));
		AlertRule rule = GrafanaFiles.alertRules()
			.stream()
			.filter((candidate) -> candidate.uid().equals("nuc-clock-offset"))
			.findFirst()
			.orElseThrow();
		assertThat(rule.rule()).containsEntry("noDataState", "Alerting").containsEntry("for", "5m");
		String influxQl = InfluxQlTemplate.lastRange(Duration.ofSeconds(300), Instant.now())
			.expand(String.valueOf(rule.model("A").get("query")));
		Run run = run(Queries.database("ops-influxql"), influxQl);
		assertThat(run.failure()).isNull();
		Map<Map<String, String>, Boolean> firing = AlertEvaluation.evaluate(rule, run.result());
		assertThat(firing).containsEntry(Map.of("host", "nuc-fast"), true)
			.containsEntry(Map.of("host", "nuc-slow"), true)
			.containsEntry(Map.of("host", "nuc-ok"), false)
			.containsEntry(Map.of("host", "nuc-test"), false);
		assertThat(firing.keySet()).as("no synchronised measurement within the window: no data")
			.noneMatch((tags) -> Set.of("nuc-unsync", "nuc-gone").contains(tags.get("host")));
	}

	/**
	 * A point as Telegraf's {@code inputs.chrony} writes chronyd's tracking (measurement
	 * {@code chrony}, tags as in Telegraf 1.34 with
	 * {@code server = "udp://127.0.0.1:323"}, every field a float).
	 */
	private static String chrony(String host, String leapStatus, double systemTime, long ns) {
		return "chrony,host=" + host + ",leap_status=" + leapStatus.replace(" ", "\\ ")
				+ ",reference_id=C0A80101,source=127.0.0.1:323,stratum=3 frequency=-35.657,last_offset=-0.000013616,"
				+ "residual_freq=0.0,rms_offset=0.000027073,root_delay=0.000644,root_dispersion=0.003444,skew=0.001,"
				+ "system_time=" + String.format(Locale.ROOT, "%.9f", systemTime) + ",update_interval=1031.2 " + ns;
	}

	/**
	 * The broker rule fires for a host whose EMQX counter of messages lost for a
	 * subscriber (queue full, expired, too large) or whose Mosquitto drop counter rose
	 * within 5 minutes, also right after a restart reset it; it stays quiet for flat
	 * counters, for a reset alone and for EMQX's drops without subscribers (topics nobody
	 * subscribes to: no reading lost); a host whose broker reports nothing within 5
	 * minutes has no series, which the rule's provisioning turns into an alert.
	 */
	@Test
	@Order(9)
	void theBrokerDropRuleFiresOnAnIncreaseOfALossCounterOfEitherBroker() {
		long now = System.currentTimeMillis() * 1_000_000L;
		long step = 10_000_000_000L;
		List<String> lines = new ArrayList<>();
		// EMQX, scraped every 10 s for 4 minutes (24 scrapes, i = 0 the newest)
		for (int i = 23; i >= 0; i--) {
			long at = now - i * step;
			boolean late = i < 3;
			lines.add(emqx("emqx-queue-full", late ? 2 : 0, 0, 0, 100 + i, at));
			lines.add(emqx("emqx-expired", 0, late ? 1 : 0, 0, 0, at));
			lines.add(emqx("emqx-too-large", 0, 0, late ? 1 : 0, 0, at));
			lines.add(emqx("emqx-no-subscribers", 0, 0, 0, 500 - 10 * i, at));
			lines.add(emqx("emqx-restarted", (i < 12) ? 0 : 40, 0, 0, 0, at));
		}
		lines.add(emqx("emqx-gone", 0, 0, 7, 0, now - 60 * step));
		lines.add(emqx("emqx-gone", 0, 0, 9, 0, now - 59 * step));
		// Mosquitto, polled every 30 s for 4 minutes (i = 0 the newest)
		for (int i = 7; i >= 0; i--) {
			long at = now - 3 * i * step;
			lines.add(mosquitto("mosquitto-drop", "dropped", (i < 2) ? 9 : 2, at));
			lines.add(mosquitto("mosquitto-drop", "stored", 300_000 - i, at + 1_000_000L));
			lines.add(mosquitto("mosquitto-flat", "dropped", 5, at));
			lines.add(mosquitto("mosquitto-restarted", "dropped", (i < 4) ? 0 : 50, at));
			lines.add(mosquitto("mosquitto-restart-then-drop", "dropped", (i < 1) ? 3 : (i < 4) ? 0 : 50, at));
		}
		influx.write("ops", String.join("\n", lines));
		AlertRule rule = GrafanaFiles.alertRules()
			.stream()
			.filter((candidate) -> candidate.uid().equals("broker-dropped-messages"))
			.findFirst()
			.orElseThrow();
		assertThat(rule.rule()).containsEntry("noDataState", "Alerting").containsEntry("for", "0s");
		String influxQl = InfluxQlTemplate.lastRange(Duration.ofSeconds(300), Instant.now())
			.expand(String.valueOf(rule.model("A").get("query")));
		Run run = run(Queries.database("ops-influxql"), influxQl);
		assertThat(run.failure()).isNull();
		Map<Map<String, String>, Boolean> firing = AlertEvaluation.evaluate(rule, run.result());
		assertThat(firing).containsEntry(Map.of("host", "emqx-queue-full"), true)
			.containsEntry(Map.of("host", "emqx-expired"), true)
			.containsEntry(Map.of("host", "emqx-too-large"), true)
			.containsEntry(Map.of("host", "emqx-no-subscribers"), false)
			.containsEntry(Map.of("host", "emqx-restarted"), false)
			.containsEntry(Map.of("host", "mosquitto-drop"), true)
			.containsEntry(Map.of("host", "mosquitto-flat"), false)
			.containsEntry(Map.of("host", "mosquitto-restarted"), false)
			.containsEntry(Map.of("host", "mosquitto-restart-then-drop"), true);
		assertThat(firing.keySet()).as("no counter within 5 minutes: no data")
			.noneMatch((tags) -> "emqx-gone".equals(tags.get("host")));
		assertThat(AlertEvaluation.reduce("last",
				run.result()
					.series()
					.stream()
					.filter((series) -> "mosquitto-drop".equals(series.tags().get("host")))
					.findFirst()
					.orElseThrow()
					.numbers()))
			.as("readings lost on mosquitto-drop")
			.isEqualTo(7.0);
	}

	/**
	 * A scrape of EMQX 5.8's {@code /api/v5/prometheus/stats} as Telegraf 1.34's
	 * {@code inputs.prometheus} writes it ({@code metric_version = 2},
	 * {@code name_prefix = "emqx_"}: measurement {@code emqx_prometheus}, one float field
	 * per metric, tag {@code url}; EMQX's default mode {@code node} has no labels): the
	 * delivery and message drop counters, fields of other metrics left out.
	 */
	private static String emqx(String host, double queueFull, double expired, double tooLarge, double noSubscribers,
			long ns) {
		double delivery = queueFull + expired + tooLarge;
		return "emqx_prometheus,host=" + host + ",url=http://127.0.0.1:18083/api/v5/prometheus/stats "
				+ "emqx_delivery_dropped=" + delivery + ",emqx_delivery_dropped_expired=" + expired
				+ ",emqx_delivery_dropped_no_local=0,emqx_delivery_dropped_qos0_msg=0,emqx_delivery_dropped_queue_full="
				+ queueFull + ",emqx_delivery_dropped_too_large=" + tooLarge + ",emqx_messages_dropped=" + noSubscribers
				+ ",emqx_messages_dropped_expired=0,emqx_messages_dropped_no_subscribers=" + noSubscribers
				+ ",emqx_connections_count=12 " + ns;
	}

	/**
	 * A poll of deploy/telegraf/mosquitto.conf: {@code mosquitto_sub -F 'mosquitto
	 * dropped=%pi'} (or {@code stored}) prints one line of influx line protocol, to which
	 * Telegraf adds {@code host} (deploy-verification's
	 * {@code MosquittoBrokerCountersIntegrationTests} runs the command on Mosquitto).
	 */
	private static String mosquitto(String host, String field, long value, long ns) {
		return "mosquitto,host=" + host + " " + field + "=" + value + "i " + ns;
	}

	/** An alarm line as the engine writes it ({@code ClinicalLines.transition}). */
	private static String escalation(String bed, int level, boolean escalated, Instant at) {
		return "alarms,bed=" + bed + ",kind=spo2_low,patient=p-e" + bed + ",priority=high,ward=ward-e alarm_id=\"a-"
				+ bed + "\",message=\"SpO2 80\",state=\"raised\",restated=true,escalation=" + level + "i"
				+ (escalated ? ",escalated=true " : " ") + (at.getEpochSecond() * 1_000_000_000L + at.getNano());
	}

	private static String clockSkew(String device, String state, Instant at) {
		return "alarms,bed=9,device=" + device + ",kind=clock_skew,patient=p-9,priority=low,ward=ward-z alarm_id=\""
				+ device + "\",message=\"clock\",state=\"" + state + "\",restated=false "
				+ (at.getEpochSecond() * 1_000_000_000L + at.getNano());
	}

	/** The colour of every value a stat panel shows for one bed. */
	private static List<String> shownColours(JsonNode panel, String ward, String bed) {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(Duration.ofHours(1), Instant.now())
			.with("ward", List.of(ward), false)
			.with("bed", List.of(bed), true);
		List<String> colours = new ArrayList<>();
		for (JsonNode target : panel.path("targets")) {
			Run run = run(Queries.database(target.path("datasource")),
					template.expand(target.path("query").asString()));
			assertThat(run.failure()).isNull();
			for (InfluxResult.Series series : run.result().series()) {
				int column = series.columns().get(0).equals("time") ? 1 : 0;
				for (List<JsonNode> row : series.rows()) {
					if (!row.get(column).isNull()) {
						colours.add(StatDisplay.colour(panel, target.path("refId").asString(), row.get(column)));
					}
				}
			}
		}
		return colours;
	}

	private static void runPanels(Dashboard dashboard, InfluxQlTemplate template, Predicate<JsonNode> which,
			PanelRuns runs, boolean anyScopeSuffices) {
		for (JsonNode panel : dashboard.dataPanels()) {
			if (!which.test(panel)) {
				continue;
			}
			String key = dashboard.uid() + " / " + panel.path("title").asString();
			InfluxQlTemplate panelTemplate = template.withMinInterval(panel.path("interval").asString());
			boolean data = false;
			for (JsonNode target : panel.path("targets")) {
				String influxQl;
				try {
					influxQl = panelTemplate.expand(target.path("query").asString());
				}
				catch (IllegalArgumentException ex) {
					runs.failures.add(key + " " + target.path("refId").asString() + ": " + ex.getMessage());
					continue;
				}
				Run run = run(Queries.database(target.path("datasource")), influxQl);
				runs.queries++;
				if (run.failure() != null) {
					runs.failures.add(key + " " + target.path("refId").asString() + ": " + run.failure());
				}
				else {
					data |= run.result().hasData();
				}
			}
			runs.record(key, data, anyScopeSuffices);
		}
	}

	private static void runAnnotations(Dashboard dashboard, InfluxQlTemplate template, PanelRuns runs) {
		for (JsonNode annotation : dashboard.influxAnnotations()) {
			String key = dashboard.uid() + " / annotation " + annotation.path("name").asString();
			Run run = run(Queries.database(annotation.path("datasource")),
					template.expand(Queries.annotationQuery(annotation)));
			runs.queries++;
			if (run.failure() != null) {
				runs.failures.add(key + ": " + run.failure());
			}
			runs.record(key, run.failure() == null && run.result().hasData(), true);
		}
	}

	private static Resolved resolve(Dashboard dashboard) {
		Duration range = InfluxQlTemplate
			.parseDuration(dashboard.json().path("time").path("from").asString().replace("now-", ""));
		return resolve(dashboard, range);
	}

	/**
	 * Runs the dashboard's variable queries in order, as Grafana does on load, and
	 * selects ward {@code ward-a}, "All" for multi-value variables and the first option
	 * otherwise.
	 */
	private static Resolved resolve(Dashboard dashboard, Duration range) {
		InfluxQlTemplate template = InfluxQlTemplate.lastRange(range, Instant.now());
		Map<String, List<String>> options = new LinkedHashMap<>();
		for (JsonNode variable : dashboard.variables()) {
			String name = variable.path("name").asString();
			if (!"query".equals(variable.path("type").asString())) {
				// a text box: its default value, used in links only
				template.with(name, List.of(variable.path("query").asString()), false);
				continue;
			}
			String query = template.expand(variable.path("query").asString());
			Run run = run(Queries.database(variable.path("datasource")), query);
			if (run.failure() != null) {
				throw new AssertionError(dashboard.uid() + " variable " + name + ": " + run.failure());
			}
			List<String> values = metricFindValues(run.result());
			options.put(name, values);
			boolean multiOrAll = variable.path("multi").asBoolean(false)
					|| variable.path("includeAll").asBoolean(false);
			if (name.equals("ward") && !multiOrAll) {
				assertThat(values).as(dashboard.uid() + " wards").contains(WardScenario.WARD);
				template.with(name, List.of(WardScenario.WARD), false);
			}
			else if (multiOrAll && variable.path("includeAll").asBoolean(false)) {
				String allValue = variable.path("allValue").asString();
				if (allValue.isEmpty()) {
					template.with(name, values, true);
				}
				else {
					template.withAll(name, allValue);
				}
			}
			else {
				assertThat(values).as(dashboard.uid() + " " + name).isNotEmpty();
				template.with(name, List.of(values.get(0)), multiOrAll);
			}
		}
		return new Resolved(template, options);
	}

	/**
	 * Grafana's InfluxDB {@code metricFindQuery}: the second column of every row (the
	 * value of SHOW TAG VALUES), or the first if there is only one; unique, sorted as the
	 * variables sort them (alphabetically or numerically).
	 */
	private static List<String> metricFindValues(InfluxResult result) {
		Set<String> values = new LinkedHashSet<>();
		for (InfluxResult.Series series : result.series()) {
			for (List<JsonNode> row : series.rows()) {
				values.add(((row.size() > 1) ? row.get(1) : row.get(0)).asString());
			}
		}
		return values.stream().sorted().toList();
	}

	private static Run run(String database, String influxQl) {
		try {
			InfluxResult result = InfluxResult.parse(influx.query(database, influxQl));
			return (result.error() != null) ? new Run(null, result.error() + " in: " + influxQl)
					: new Run(result, null);
		}
		catch (IllegalStateException ex) {
			return new Run(null, ex.getMessage() + " in: " + influxQl);
		}
	}

	private static void runInfluxDbSetupScript() throws IOException, InterruptedException {
		Path script = GrafanaFiles.repositoryRoot().resolve("deploy/systemd/influxdb-v1-setup.sh");
		ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
		builder.environment().put("INFLUX_URL", influx.url());
		for (String password : List.of("INFLUX_ADMIN_PASSWORD", "INFLUX_INGEST_PASSWORD", "INFLUX_GRAFANA_PASSWORD",
				"INFLUX_TELEGRAF_PASSWORD")) {
			builder.environment().put(password, "test-" + password.toLowerCase().replace('_', '-'));
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("influxdb-v1-setup.sh:\n" + output).isZero();
	}

	/**
	 * Runs the body of the deployment's continuous query once over the scenario's 15
	 * hours.
	 */
	private static void runContinuousQueryOnce() throws IOException, InterruptedException {
		InfluxResult queries = InfluxResult.parse(influx.query("vitals", "SHOW CONTINUOUS QUERIES"));
		String create = queries.series()
			.stream()
			.filter((series) -> series.name().equals("vitals"))
			.flatMap((series) -> series.column("query").stream())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no continuous query on vitals: " + queries));
		Matcher body = Pattern.compile("BEGIN (.*) END$").matcher(create);
		assertThat(body.find()).as(create).isTrue();
		String select = body.group(1).replace(" GROUP BY ", " WHERE time > now() - 15h GROUP BY ");
		InfluxResult result = InfluxResult.parse(post("vitals", select));
		assertThat(result.error()).as(select).isNull();
		assertThat(count("SELECT count(\"heart_rate\") FROM \"downsampled\".\"vitals\"")).isPositive();
	}

	private static void writeSyntheticTelegrafPoints() {
		long now = System.currentTimeMillis();
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < 3; i++) {
			long ns = (now - 60_000L * i) * 1_000_000L;
			lines.append("cpu,cpu=cpu-total,host=nuc-test usage_idle=")
				.append(83.5 - i)
				.append(' ')
				.append(ns)
				.append('\n');
			lines.append("mem,host=nuc-test used_percent=").append(41.2 + i).append(' ').append(ns).append('\n');
			lines.append("disk,host=nuc-test,path=/,device=nvme0n1p2,fstype=ext4 used_percent=91.0 ")
				.append(ns)
				.append('\n');
			lines.append(chrony("nuc-test", "normal", 0.000312 - 0.0001 * i, now * 1_000_000L - 60_000_000_000L * i))
				.append('\n');
			lines.append(emqx("nuc-test", 0, 0, 0, 120 + i, ns)).append('\n');
		}
		influx.write("ops", lines.toString());
	}

	private static String post(String database, String statement) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(influx.url() + "/query?db=" + database))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static long count(String influxQl) {
		return influx.count("vitals", influxQl);
	}

	private static double sum(String measurement) {
		InfluxResult result = InfluxResult
			.parse(influx.query("ops", "SELECT sum(\"value\") FROM \"" + measurement + "\" WHERE time > now() - 5m"));
		return result.series()
			.stream()
			.flatMap((series) -> series.numbers().stream())
			.mapToDouble(Double::doubleValue)
			.sum();
	}

	private static String seconds(long startNanos) {
		return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
	}

	/** The outcome of one query: a result or why InfluxDB refused it. */
	private record Run(InfluxResult result, String failure) {
	}

	/** Variables as resolved on load: the template with selections, and every option. */
	private record Resolved(InfluxQlTemplate template, Map<String, List<String>> options) {
	}

	/** Panels run so far: which returned data, which failed. */
	private static final class PanelRuns {

		final Set<String> panels = new LinkedHashSet<>();

		final Set<String> withData = new LinkedHashSet<>();

		final Set<String> withoutDataSomewhere = new LinkedHashSet<>();

		final List<String> failures;

		int queries;

		private final boolean recording;

		PanelRuns() {
			this(new ArrayList<>(), true);
		}

		private PanelRuns(List<String> failures, boolean recording) {
			this.failures = failures;
			this.recording = recording;
		}

		/**
		 * Runs whose failures count here but whose data is not required (an empty bed).
		 */
		PanelRuns failuresOnly() {
			return new PanelRuns(this.failures, false);
		}

		/**
		 * @param anyScopeSuffices true: data in one run (one patient) is enough; false:
		 * every run (every bed) must return data
		 */
		void record(String key, boolean data, boolean anyScopeSuffices) {
			if (!this.recording) {
				return;
			}
			this.panels.add(key);
			if (data) {
				if (anyScopeSuffices || !this.withoutDataSomewhere.contains(key)) {
					this.withData.add(key);
				}
			}
			else if (!anyScopeSuffices) {
				this.withoutDataSomewhere.add(key);
				this.withData.remove(key);
			}
		}

	}

	/** What a rule must do on the scenario. */
	private record Expectation(boolean pending, boolean dataRequired, Map<String, String> firingFor) {

		static final Expectation PENDING = new Expectation(true, false, null);

		static final Expectation HAS_DATA = new Expectation(false, true, null);

		static final Expectation QUIET = new Expectation(false, true, Map.of());

		/** Returns no series at all: the query lists only what is wrong. */
		static final Expectation NO_SERIES = new Expectation(false, false, Map.of());

		static Expectation firesFor(Map<String, String> tags) {
			return new Expectation(false, true, tags);
		}

		/** Null if the rule behaved, else what went wrong. */
		String check(Map<Map<String, String>, Boolean> firing) {
			if (this.pending) {
				return firing.isEmpty() ? null : "pending the clinical engine but returned data: update the test";
			}
			if (this.dataRequired && firing.isEmpty()) {
				return "returned no data";
			}
			if (this.firingFor == null) {
				return null;
			}
			for (Map.Entry<Map<String, String>, Boolean> series : firing.entrySet()) {
				boolean shouldFire = !this.firingFor.isEmpty()
						&& series.getKey().entrySet().containsAll(this.firingFor.entrySet());
				if (series.getValue() != shouldFire) {
					return (shouldFire ? "does not fire" : "fires") + " for " + series.getKey();
				}
			}
			boolean matched = this.firingFor.isEmpty() || firing.keySet()
				.stream()
				.anyMatch((tags) -> tags.entrySet().containsAll(this.firingFor.entrySet()));
			return matched ? null : "no series for " + this.firingFor;
		}

	}

}
