package care.vitals.ingest.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

import care.vitals.ingest.security.AccountStore;
import care.vitals.ingest.security.Accounts;
import care.vitals.ingest.security.Role;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the ward station in headless Chromium against the real ingest, Mosquitto and
 * InfluxDB 1.x, with personal accounts: a nurse logs in and sees a deteriorating
 * patient's bed turn high priority without reloading, with an incomplete NEWS2 shown as
 * incomplete; acknowledges as herself; may not discharge (403) nor act without a CSRF
 * token (403), where a charge nurse discharges; failed logins are throttled; a session
 * ends after inactivity although the board keeps updating. Screenshots of every step are
 * kept under {@code target/station-screenshots/}.
 */
class WardStationBrowserIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	static final String NURSE = "nurse.anna";

	static final String CHARGE = "charge.ben";

	static final String NURSE_PASSWORD = "anna-ward-password-1";

	static final String CHARGE_PASSWORD = "ben-ward-password-22";

	static final String ADMINISTRATOR = "admin.carol";

	static final String ADMINISTRATOR_PASSWORD = "carol-admin-password-4444";

	@TempDir
	Path dir;

	@Test
	void aNurseSeesTheBedTurnHighPriorityAcknowledgesAndOnlyAChargeNurseDischarges() throws Exception {
		influx.createDatabase("station");
		Map<String, Object> properties = properties("ingest-station", "station");
		try (RunningIngest ingest = RunningIngest.start(properties);
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-s1");
				Browser browser = new Browser(ingest.port(), "board")) {
			AdminApi integration = new AdminApi(ingest);
			integration.admit("mon-s1", "p-s1", "ward-s", "1", Instant.now().minusSeconds(600));
			Instant base = Instant.now().minus(180, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
			for (int s = 0; s < 60; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, 97, 16), "application/json");
			}

			browser.open("/station/wards/ward-s");
			assertThat(browser.driver().getCurrentUrl()).as("the board needs a login").contains("/login");
			browser.screenshot("login-page");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			assertLabelled(browser);
			browser.logIn(NURSE, NURSE_PASSWORD);
			assertThat(browser.driver().getCurrentUrl()).contains("/station/wards/ward-s");
			assertThat(browser.text("#user")).isEqualTo(NURSE);
			browser.await("bed 1 shows the patient with an incomplete NEWS2", (b) -> b.present("#bed-1 .news2")
					&& "incomplete".equals(b.attr("#bed-1 .news2", "data-news2-status")));
			assertThat(browser.text("#bed-1 .pseudonym")).isEqualTo("p-s1");
			assertThat(browser.text("#bed-2")).contains("Empty bed");
			assertThat(browser.text("#bed-3")).contains("Empty bed");
			// devices cannot assess consciousness: NEWS2 stays incomplete, without a
			// colour
			assertThat(browser.attr("#bed-1 .news2", "data-news2-status")).isEqualTo("incomplete");
			assertThat(browser.attr("#bed-1 .news2", "data-news2-risk")).isEqualTo("none");
			assertThat(browser.text("#bed-1 .news2")).contains("incomplete").contains("consciousness");
			assertThat(browser.text("#bed-1 .devices")).contains("mon-s1");
			assertThat(browser.attr("#bed-1", "data-attention")).isEqualTo("none");
			browser.screenshot("board-stable-incomplete-news2");

			// SpO2 falls to 82 % and RR rises to 26 for 90 s: the board turns without a
			// reload (NEWS2 takes a device's median of the last 2 minutes)
			for (int s = 60; s < 150; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, 82, 26), "application/json");
			}
			browser.await("bed 1 turns high priority", (b) -> "high".equals(b.attr("#bed-1", "data-attention")));
			assertThat(browser.text("#bed-1 h2")).contains("High priority alarm");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			assertThat(browser.text("#bed-1 .alarm.priority-high")).contains("High priority")
				.contains("not acknowledged");
			browser.screenshot("board-spo2-low-high-priority");

			// the nurse records ACVPU "V" and a manual temperature on the bed page's
			// form,
			// observed two minutes ago: complete, coloured
			browser.click("#bed-1 .bed-link");
			browser.await("the bed page", (b) -> b.present("#observe-form"));
			assertLabelled(browser);
			assertThat(browser.text("#bed-1 .news2")).contains("incomplete");
			browser.screenshot("bed-page-observations-form");
			String observed = java.time.LocalDateTime.now()
				.minusMinutes(2)
				.truncatedTo(ChronoUnit.MINUTES)
				.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
			browser.driver().executeScript("document.getElementById('obs-at').value = arguments[0]", observed);
			new org.openqa.selenium.support.ui.Select(browser.find("#obs-acvpu")).selectByValue("V");
			browser.click("#obs-o2-air");
			browser.find("#obs-temperature").sendKeys("38.5");
			browser.find("#obs-systolic").sendKeys("124");
			browser.find("#obs-diastolic").sendKeys("78");
			browser.find("#obs-resp-rate").sendKeys("26");
			browser.find("#obs-pulse").sendKeys("82");
			browser.screenshot("nurse-fills-observations");
			browser.submit("#observe-form button[type=submit]");
			assertThat(browser.text("#action-result")).isEqualTo("Observations recorded.");
			browser.await("NEWS2 complete and current",
					(b) -> "current".equals(b.attr("#bed-1 .news2", "data-news2-status")));
			// RR 26 (3), SpO2 82 % (3), V (3), 38.5 °C (1): high
			assertThat(browser.attr("#bed-1 .news2", "data-news2-risk")).isEqualTo("high");
			assertThat(browser.text("#bed-1 .news2")).contains("NEWS2 10").contains("high risk");
			assertThat(browser.text("#vitals tr[data-parameter=temperature]")).contains("38.5 °C")
				.contains("staff: " + NURSE);
			assertThat(browser.text("#observations")).contains("ACVPU V").contains(NURSE);
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshot("bed-page-news2-complete-high");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						influx.query("station", "SELECT actor, message FROM activity WHERE kind='observation'"))
					.contains(NURSE)
					.contains("consciousness=V"));
			browser.click("#back");
			browser.await("the board", (b) -> b.present("#board #bed-1 .news2"));
			assertThat(browser.text("#bed-1 .news2")).contains("NEWS2 10");

			// status per device: the bed's oximeter loses its probe, the monitor does not
			integration.admit("ox-s1", "p-s1", "ward-s", "1", Instant.now().minusSeconds(600));
			try (TestDevice oximeter = new TestDevice(mosquitto.url(), "ox-s1")) {
				oximeter.publish("devices/ox-s1/events",
						("{\"kind\":\"probe_off\",\"ts\":\"" + Instant.now().minusSeconds(61)
								+ "\",\"details\":{\"sensor\":\"spo2\"}}")
							.getBytes(StandardCharsets.UTF_8),
						null);
			}
			browser.await("the oximeter shows its probe off",
					(b) -> String.valueOf(b.text("#bed-1 .devices [data-device=ox-s1]")).contains("probe off"));
			assertThat(browser.attr("#bed-1 .devices [data-device=ox-s1]", "class")).contains("fault");
			assertThat(browser.text("#bed-1 .devices [data-device=mon-s1]")).contains("no technical alarm");
			browser.screenshot("board-per-device-status");

			// CSRF: the page's own session without the token is refused
			String alarmId = browser.attr("#bed-1 .alarm.priority-high[data-kind=spo2_low]", "data-alarm");
			String alarm = "[data-alarm='" + alarmId + "']";
			assertThat(browser.fetchStatus("POST", "/api/alarms/" + alarmId + "/acknowledge", false)).isEqualTo(403);
			assertThat(browser.attr(alarm, "class")).contains("raised");
			// a nurse may not discharge: no button, and the API refuses
			assertThat(browser.present("#bed-1 .discharge-start")).isFalse();
			assertThat(browser.fetchStatus("DELETE", "/api/assignments/mon-s1", true)).isEqualTo(403);
			assertThat(nurseApi(ingest.port(), NURSE, NURSE_PASSWORD, "DELETE", "/api/assignments/mon-s1", null)
				.statusCode()).isEqualTo(403);

			// by keyboard: the focus survives the live updates, Enter acknowledges
			browser.driver().executeScript("document.querySelector(arguments[0] + ' .acknowledge').focus()", alarm);
			Thread.sleep(2500);
			assertThat(browser.driver().executeScript("return document.activeElement.getAttribute('data-url')"))
				.isEqualTo("/api/alarms/" + alarmId + "/acknowledge");
			new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(org.openqa.selenium.Keys.ENTER)
				.perform();
			browser.await("the alarm shows acknowledged", (b) -> b.attr(alarm, "class").contains("acknowledged"));
			assertThat(browser.text("#action-result")).isEqualTo("Alarm acknowledged.");
			assertThat(browser.text(alarm)).contains("acknowledged");
			browser.screenshot("board-acknowledged");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						influx.query("station", "SELECT actor, message FROM activity WHERE kind='acknowledge'"))
					.contains(NURSE)
					.contains(alarmId));

			// a nurse may not change limits (API 403, no form); the bed page shows the
			// sub-scores, the observations, the vitals in force and the acknowledged
			// alarm
			assertThat(nurseApi(ingest.port(), NURSE, NURSE_PASSWORD, "PUT", "/api/patients/p-s1/thresholds/spo2",
					"{\"low\":88}")
				.statusCode()).isEqualTo(403);
			browser.click("#bed-1 .bed-link");
			browser.await("the bed page", (b) -> b.present("#subscores"));
			assertThat(browser.text("#subscores tr[data-parameter=spo2] td")).isEqualTo("3");
			assertThat(browser.text("#subscores tr[data-parameter=resp_rate] td")).isEqualTo("3");
			assertThat(browser.text("#subscores tr[data-parameter=consciousness] td")).isEqualTo("3");
			assertThat(browser.text("#observations")).contains("ACVPU V").contains("– " + NURSE);
			// the latest vitals in force, with unit, source and age
			assertThat(browser.text("#vitals tr[data-parameter=spo2]")).contains("82 %")
				.contains("device mon-s1")
				.contains("ago");
			assertThat(browser.text("#vitals tr[data-parameter=resp_rate]")).contains("26 /min");
			assertThat(browser.text("#vitals tr[data-parameter=consciousness]")).contains("V (responds to voice)")
				.contains("staff: " + NURSE);
			assertThat(browser.attr(alarm, "class")).contains("acknowledged");
			assertThat(browser.attr("#trends", "href")).isEqualTo(
					"https://grafana.ward-s.test:3000/d/vitals-patient-detail/patient-detail?var-ward=ward-s&var-patient=p-s1");
			assertThat(browser.present("#limits-form")).as("no limits form for a nurse").isFalse();
			assertThat(browser.present("#transfer-form")).as("no transfer form for a nurse").isFalse();
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshot("bed-page");
			// the audit trail, read back from InfluxDB, newest first, in clear text
			browser.await("the audit trail shows her acknowledgement", (b) -> b.present("#trail")
					&& b.text("#trail").contains(NURSE + " acknowledged the High priority SpO2 low alarm"));
			assertThat(browser.text("#trail")).containsPattern("\\d{2}:\\d{2} " + NURSE + " acknowledged the High")
				.contains(NURSE + " recorded observations made at")
				.contains("system High priority SpO2 low alarm raised")
				.contains("admitted: device mon-s1 to patient p-s1 in ward-s/1");
			assertThat(browser.text("#trail li:first-child")).as("newest first").contains(NURSE + " acknowledged");
			browser.screenshotOf("#trail", "bed-page-audit-trail-nurse");

			browser.submit("#logout");
			browser.await("logged out", (b) -> b.driver().getCurrentUrl().contains("/login?logout"));
			browser.logIn(CHARGE, CHARGE_PASSWORD);
			// admission of a second patient to bed 2, picking devices; a device in use
			// for
			// the patient of bed 1 is refused with the reason on the page
			browser.open("/station/wards/ward-s/beds/2");
			browser.await("the admission form", (b) -> b.present("#admit-form"));
			assertLabelled(browser);
			browser.find("#admit-patient").sendKeys("p-s2");
			browser.click("#admit-device-mon-s2");
			browser.find("#admit-other").sendKeys("mon-s1");
			browser.click("#admit-form button[type=submit]");
			browser.await("the refusal", (b) -> b.text("#admit-form .form-result").contains("in use"));
			assertThat(browser.text("#admit-form .form-result")).isEqualTo(
					"Not admitted: Device mon-s1 is in use for patient p-s1 in bed ward-s/1: discharge it from that patient first.");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshot("double-booked-device-refused");
			browser.find("#admit-other").clear();
			browser.click("#admit-device-ox-s2");
			browser.submit("#admit-form button[type=submit]");
			assertThat(browser.text("#action-result")).isEqualTo("Admitted p-s2 with mon-s2, ox-s2 in bed 2.");
			assertThat(browser.text("#bed-2 .pseudonym")).isEqualTo("p-s2");
			assertThat(browser.text("#bed-2 .devices")).contains("mon-s2").contains("ox-s2");
			browser.screenshot("charge-nurse-admitted-p-s2");
			// the charge nurse changes a limit of p-s2 on the bed page: one outside the
			// possible values is refused in words, then a lower SpO2 limit is taken
			browser.await("the limits form", (b) -> b.present("#limits-form"));
			assertLabelled(browser);
			new org.openqa.selenium.support.ui.Select(browser.find("#limit-parameter")).selectByValue("spo2");
			assertThat(browser.find("#limit-low").getAttribute("value")).as("the limit in force").isEqualTo("90");
			browser.find("#limit-low").clear();
			browser.find("#limit-low").sendKeys("150");
			browser.click("#limits-form button[value=change]");
			browser.await("the refusal", (b) -> b.text("#limits-form .form-result").contains("possible values"));
			assertThat(browser.text("#limits-form .form-result"))
				.isEqualTo("Not changed: spo2 low limit 150 lies outside the possible values 0-100 %");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshot("charge-nurse-limit-refused");
			browser.find("#limit-critical-low").clear();
			browser.find("#limit-critical-low").sendKeys("80");
			browser.find("#limit-low").clear();
			browser.find("#limit-low").sendKeys("88");
			browser.submit("#limits-form button[value=change]");
			assertThat(browser.text("#action-result")).isEqualTo("spo2: limits changed.");
			assertThat(browser.text("#limits tr[data-parameter=spo2]")).contains("critical low 80")
				.contains("low 88")
				.contains("limit changed: changed by " + CHARGE);
			assertThat(browser.text("#limits tr[data-parameter=heart_rate]")).contains("default");
			browser.screenshot("charge-nurse-limit-changed");

			// on the board, the changed limit is an indication with who and when: nothing
			// to acknowledge, no priority border
			browser.open("/station/wards/ward-s");
			browser.await("the indication on bed 2", (b) -> b.present("#bed-2 .indication"));
			assertThat(browser.text("#bed-2 .indication")).contains("SpO2 limit changed")
				.contains("by " + CHARGE)
				.contains("ago");
			assertThat(browser.present("#bed-2 .alarms")).as("no alarm on bed 2").isFalse();
			assertThat(browser.present("#bed-2 .acknowledge")).isFalse();
			assertThat(browser.attr("#bed-2", "data-attention")).isEqualTo("none");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshot("board-limit-changed-indication");
			browser.click("#bed-2 .bed-link");
			browser.await("the bed page of bed 2", (b) -> b.present("#transfer-form"));
			new org.openqa.selenium.support.ui.Select(browser.find("#scale-choice")).selectByValue("2");
			browser.submit("#scale-form button[type=submit]");
			assertThat(browser.text("#action-result")).isEqualTo("SpO2 scale 2 prescribed.");
			assertThat(browser.text("#subscores caption")).contains("SpO2 scale 2");

			// transfer: bed 1 holds another patient (refused), bed 3 is empty
			new org.openqa.selenium.support.ui.Select(browser.find("#transfer-bed")).selectByValue("ward-s/1");
			browser.click("#transfer-form button[type=submit]");
			browser.await("the refusal", (b) -> b.text("#transfer-form .form-result").contains("holds"));
			assertThat(browser.text("#transfer-form .form-result")).isEqualTo(
					"Not transferred: Bed ward-s/1 holds patient p-s1: discharge or transfer that patient first.");
			browser.screenshot("double-booked-bed-refused");
			new org.openqa.selenium.support.ui.Select(browser.find("#transfer-bed")).selectByValue("ward-s/3");
			browser.submit("#transfer-form button[type=submit]");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/station/wards/ward-s/beds/3");
			assertThat(browser.text("#action-result")).isEqualTo("Transferred p-s2 to ward-s bed 3.");
			assertThat(browser.text("#bed-3 .pseudonym")).isEqualTo("p-s2");
			browser.screenshot("charge-nurse-transferred-p-s2");
			// the patient's audit trail follows him to bed 3: every action of the charge
			// nurse under his name
			browser.await("the audit trail shows the transfer",
					(b) -> b.present("#trail") && b.text("#trail").contains(CHARGE + " transferred:"));
			assertThat(browser.text("#trail")).contains(CHARGE + " admitted: device mon-s2 to patient p-s2 in ward-s/2")
				.contains(CHARGE + " changed the alarm limits of spo2: criticalLow=80.0, low=88.0")
				.contains(CHARGE + " SpO2 scale 2 prescribed")
				.contains(CHARGE + " transferred: device ox-s2 to patient p-s2 in ward-s/3")
				.contains("system indication: SpO2 limit changed")
				.doesNotContain(NURSE);
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshotOf("#trail", "bed-page-audit-trail-charge-nurse");
			browser.click("#forms .discharge-start");
			browser.submit("#forms .discharge");
			assertThat(browser.text("#action-result")).isEqualTo("Discharged.");
			assertThat(browser.text("#bed-3")).contains("Empty bed");
			browser.screenshot("charge-nurse-discharged-p-s2");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				String activity = influx.query("station",
						"SELECT actor, message FROM activity WHERE patient='p-s2' OR kind='threshold'");
				assertThat(activity).contains("admit device mon-s2 to patient p-s2 in ward-s/2")
					.contains("transfer device ox-s2 to patient p-s2 in ward-s/3")
					.contains("discharge device mon-s2")
					.contains("override spo2")
					.doesNotContain(NURSE);
				assertThat(activity.split(CHARGE, -1)).as("every record names the charge nurse").hasSizeGreaterThan(6);
			});
			// the same trail for integrations, with the discharge (the bed page of an
			// empty
			// bed has no patient to follow)
			HttpResponse<String> trail = nurseApi(ingest.port(), NURSE, NURSE_PASSWORD, "GET",
					"/api/patients/p-s2/activity?hours=1", null);
			assertThat(trail.statusCode()).isEqualTo(200);
			assertThat(trail.body()).contains("\"actor\":\"" + CHARGE + "\"")
				.contains("discharged: device mon-s2")
				.contains("\"kind\":\"transfer\"");
			browser.open("/station/wards/ward-s");
			browser.await("the board", (b) -> b.present("#board #bed-1"));
			assertThat(browser.text("#bed-2")).contains("Empty bed");

			browser.await("the charge nurse sees bed 1", (b) -> b.present("#bed-1 .discharge-start"));
			browser.click("#bed-1 .discharge-start");
			Thread.sleep(2500); // two live updates: the confirmation stays open
			assertThat(browser.attr("#confirm-1", "hidden")).isNull();
			browser.screenshot("charge-nurse-confirms-discharge");
			browser.click("#bed-1 .discharge");
			browser.await("bed 1 is empty", (b) -> b.text("#bed-1").contains("Empty bed"));
			assertThat(browser.text("#action-result")).isEqualTo("Discharged.");
			browser.screenshot("charge-nurse-discharged");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						influx.query("station", "SELECT actor, message FROM activity WHERE kind='discharge'"))
					.contains(CHARGE)
					.contains("mon-s1"));
		}
	}

	@Test
	void failedLoginsAreThrottledLoginNeedsItsCsrfTokenAndIdleSessionsEnd() throws Exception {
		influx.createDatabase("station_login");
		Map<String, Object> properties = properties("ingest-station-login", "station_login");
		properties.put("ingest.accounts.throttle.account-failures", "3");
		properties.put("ingest.accounts.throttle.lockout", "5s");
		properties.put("ingest.accounts.idle-timeout", "4s");
		properties.put("ingest.station.refresh", "1s");
		try (RunningIngest ingest = RunningIngest.start(properties);
				Browser browser = new Browser(ingest.port(), "login")) {
			for (int i = 0; i < 3; i++) {
				browser.logIn(NURSE, "not-the-password-" + i);
				assertThat(browser.text("#login-failure")).isEqualTo("Wrong user name or password.");
			}
			browser.screenshot("wrong-password");
			browser.logIn(NURSE, NURSE_PASSWORD);
			assertThat(browser.text("#login-failure")).startsWith("Too many failed logins. Try again in");
			assertThat(browser.present("#user")).isFalse();
			browser.screenshot("throttled-despite-right-password");
			assertThat(nurseApi(ingest.port(), NURSE, NURSE_PASSWORD, "GET", "/api/alarms", null).statusCode())
				.as("the API throttles the same account")
				.isEqualTo(401);
			assertThat(nurseApi(ingest.port(), CHARGE, CHARGE_PASSWORD, "GET", "/api/alarms", null).statusCode())
				.as("another account is not locked out")
				.isEqualTo(200);
			Thread.sleep(5500);
			browser.logIn(NURSE, NURSE_PASSWORD);
			assertThat(browser.text("#user")).as("after the lockout the right password works").isEqualTo(NURSE);

			// idle: the board updates every second, yet the session ends 4 s after the
			// last action
			browser.await("the session ends after inactivity",
					(b) -> b.driver().getCurrentUrl().contains("/login?expired"));
			assertThat(browser.text("#login-expired")).contains("ended after inactivity");
			browser.screenshot("session-ended-after-inactivity");
			browser.open("/station/wards/ward-s");
			assertThat(browser.driver().getCurrentUrl()).contains("/login");

			// a session lost on the server (restart, container timeout): the next live
			// update goes to the login page, and logging in again shows the board, not
			// the fragment the update asked for
			browser.logIn(NURSE, NURSE_PASSWORD);
			browser.await("the board", (b) -> b.present("#board #bed-1"));
			browser.driver().manage().deleteCookieNamed("JSESSIONID");
			browser.await("sent to log in", (b) -> b.driver().getCurrentUrl().contains("/login?expired"));
			browser.find("#username").sendKeys(NURSE);
			browser.find("#password").sendKeys(NURSE_PASSWORD);
			browser.submit("#login");
			browser.await("the board again", (b) -> b.present("#board #bed-1"));
			assertThat(browser.driver().getCurrentUrl()).endsWith("/station/wards/ward-s");
			browser.submit("#logout");
			browser.await("logged out", (b) -> b.driver().getCurrentUrl().contains("/login?logout"));

			// CSRF: a login form without its token is refused
			browser.open("/login");
			browser.driver().executeScript("document.querySelector('#login-form input[name=_csrf]').remove()");
			browser.find("#username").sendKeys(CHARGE);
			browser.find("#password").sendKeys(CHARGE_PASSWORD);
			browser.submit("#login");
			assertThat(browser.driver().getPageSource()).doesNotContain("Logged in as");
			browser.screenshot("login-without-csrf-token-refused");
			browser.open("/station/wards/ward-s");
			assertThat(browser.driver().getCurrentUrl()).as("not logged in").contains("/login");
		}
	}

	@Test
	void anAdministratorManagesAccountsAndSeesNoPatientData() throws Exception {
		influx.createDatabase("station_accounts");
		Map<String, Object> properties = properties("ingest-station-accounts", "station_accounts");
		try (RunningIngest ingest = RunningIngest.start(properties);
				Browser browser = new Browser(ingest.port(), "accounts")) {
			browser.logIn(ADMINISTRATOR, ADMINISTRATOR_PASSWORD);
			browser.await("the accounts page", (b) -> b.present("#accounts"));
			assertLabelled(browser);
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			assertThat(browser.fetchStatus("GET", "/station/wards/ward-s", false)).as("no patient data").isEqualTo(403);
			assertThat(browser.fetchStatus("GET", "/api/alarms", false)).isEqualTo(403);

			browser.find("#new-username").sendKeys("nurse.dan");
			browser.find("#new-password").sendKeys("short");
			browser.click("#role-nurse");
			browser.driver().executeScript("document.getElementById('new-password').removeAttribute('minlength')");
			browser.submit("#add");
			assertThat(browser.text("#failure")).contains("at least 12");
			browser.find("#new-username").sendKeys("nurse.dan");
			browser.find("#new-password").sendKeys("dan-ward-password-333");
			browser.click("#role-nurse");
			browser.submit("#add");
			assertThat(browser.text("#done")).isEqualTo("Added nurse.dan.");
			assertThat(browser.text("#accounts tr[data-account='nurse.dan']")).contains("nurse").contains("enabled");
			browser.screenshot("administrator-added-a-nurse");
			assertThat(java.nio.file.Files.readString(this.dir.resolve("accounts.json"))).contains("nurse.dan")
				.doesNotContain("dan-ward-password-333");

			browser.submit("#logout");
			browser.await("logged out", (b) -> b.driver().getCurrentUrl().contains("/login?logout"));
			browser.logIn("nurse.dan", "dan-ward-password-333");
			browser.await("the new nurse sees the board", (b) -> b.present("#bed-1"));
			assertThat(browser.fetchStatus("GET", "/station/accounts", false)).as("not for nurses").isEqualTo(403);
			browser.screenshot("new-nurse-logged-in");

			// she changes the password the administrator gave her: the repetition must
			// match, then the new one is hers
			browser.submit("#password-link");
			assertLabelled(browser);
			browser.find("#current-password").sendKeys("dan-ward-password-333");
			browser.find("#new-password").sendKeys("dan-own-password-4444");
			browser.find("#repeat-password").sendKeys("dan-own-password-4445");
			browser.submit("#change-password");
			assertThat(browser.text("#failure")).isEqualTo("The new password and its repetition differ.");
			browser.find("#current-password").sendKeys("dan-ward-password-333");
			browser.find("#new-password").sendKeys("dan-own-password-4444");
			browser.find("#repeat-password").sendKeys("dan-own-password-4444");
			browser.submit("#change-password");
			assertThat(browser.text("#done")).startsWith("Your password has been changed.");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshot("nurse-changed-her-password");
			browser.submit("#logout");
			browser.await("logged out", (b) -> b.driver().getCurrentUrl().contains("/login?logout"));
			assertThat(nurseApi(ingest.port(), "nurse.dan", "dan-ward-password-333", "GET", "/api/alarms", null)
				.statusCode()).as("the old password").isEqualTo(401);
			browser.logIn("nurse.dan", "dan-own-password-4444");
			browser.await("logged in with the new password", (b) -> b.present("#bed-1"));
			browser.submit("#logout");
			browser.await("logged out", (b) -> b.driver().getCurrentUrl().contains("/login?logout"));

			browser.logIn(ADMINISTRATOR, ADMINISTRATOR_PASSWORD);
			browser.await("the accounts page", (b) -> b.present("#accounts"));
			browser.submit("#accounts tr[data-account='nurse.dan'] form[action$='enabled'] button");
			assertThat(browser.text("#done")).isEqualTo("Disabled nurse.dan.");
			assertThat(nurseApi(ingest.port(), "nurse.dan", "dan-own-password-4444", "GET", "/api/alarms", null)
				.statusCode()).as("a disabled account").isEqualTo(401);
		}
	}

	private Map<String, Object> properties(String clientId, String database) {
		Path accounts = this.dir.resolve("accounts.json");
		Accounts people = new Accounts(new AccountStore(accounts),
				PasswordEncoderFactories.createDelegatingPasswordEncoder(), Clock.systemUTC());
		people.add(NURSE, NURSE_PASSWORD, EnumSet.of(Role.NURSE));
		people.add(CHARGE, CHARGE_PASSWORD, EnumSet.of(Role.CHARGE_NURSE));
		people.add(ADMINISTRATOR, ADMINISTRATOR_PASSWORD, EnumSet.of(Role.ADMINISTRATOR));
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), clientId, influx.url(), database,
				this.dir.resolve("spool"));
		properties.put("ingest.accounts.file", accounts.toString());
		properties.put("ingest.station.beds", "ward-s/1,ward-s/2,ward-s/3");
		properties.put("ingest.station.devices", "mon-s1,mon-s2,ox-s2");
		properties.put("ingest.station.grafana-url", "https://grafana.ward-s.test:3000/");
		properties.put("ingest.station.refresh", "1s");
		// plain HTTP in the test: a Secure cookie would not come back
		properties.put("server.servlet.session.cookie.secure", "false");
		return properties;
	}

	/**
	 * Every input and choice of the page has a label, and every button a name (read in
	 * one script call: the live update replaces elements).
	 */
	private static void assertLabelled(Browser browser) {
		Object unlabelled = browser.driver().executeScript("""
				var missing = [];
				document.querySelectorAll('input:not([type=hidden]), select').forEach(function (e) {
				  if (!e.id || !document.querySelector('label[for="' + CSS.escape(e.id) + '"]')) {
				    missing.push(e.outerHTML.slice(0, 80));
				  }
				});
				document.querySelectorAll('button').forEach(function (e) {
				  if (!e.textContent.trim()) {
				    missing.push(e.outerHTML.slice(0, 80));
				  }
				});
				return missing;
				""");
		assertThat((java.util.List<?>) unlabelled).as("inputs without a label, buttons without a name").isEmpty();
	}

	private static HttpResponse<String> nurseApi(int port, String user, String password, String method, String path,
			String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A monitor's reading; devices do not assess consciousness, so none is sent. */
	private static String reading(Instant ts, int seq, int spo2, int respRate) {
		return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"values\":{\"heart_rate\":80,\"spo2\":" + spo2
				+ ",\"resp_rate\":" + respRate + ",\"temperature\":37.0,\"systolic_bp\":125},\"o2\":false}";
	}

}
