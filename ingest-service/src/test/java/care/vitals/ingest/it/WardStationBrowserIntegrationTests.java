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
			Instant base = Instant.now().minus(150, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
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

			// SpO2 falls to 82 % and RR rises to 26 for 60 s: the board turns without a
			// reload
			for (int s = 60; s < 120; s++) {
				monitor.publishMeasurement(reading(base.plusSeconds(s), s, 82, 26), "application/json");
			}
			browser.await("bed 1 turns high priority", (b) -> "high".equals(b.attr("#bed-1", "data-attention")));
			assertThat(browser.text("#bed-1 h2")).contains("High priority alarm");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			assertThat(browser.text("#bed-1 .alarm.priority-high")).contains("High priority")
				.contains("not acknowledged");
			browser.screenshot("board-spo2-low-high-priority");

			// the nurse records ACVPU through the API (the page's form comes next):
			// complete, coloured
			assertThat(nurseApi(ingest.port(), NURSE, NURSE_PASSWORD, "POST", "/api/patients/p-s1/observations",
					"{\"consciousness\":\"A\"}")
				.statusCode()).isEqualTo(200);
			browser.await("NEWS2 complete and current",
					(b) -> "current".equals(b.attr("#bed-1 .news2", "data-news2-status")));
			assertThat(browser.attr("#bed-1 .news2", "data-news2-risk")).isEqualTo("medium");
			assertThat(browser.text("#bed-1 .news2")).contains("NEWS2 6").contains("medium risk");
			browser.screenshot("board-news2-complete");

			// status per device: the bed's oximeter loses its probe, the monitor does not
			integration.admit("ox-s1", "p-s1", "ward-s", "1", Instant.now().minusSeconds(600));
			try (TestDevice oximeter = new TestDevice(mosquitto.url(), "ox-s1")) {
				oximeter.publish("devices/ox-s1/events",
						("{\"kind\":\"probe_off\",\"ts\":\"" + Instant.now() + "\",\"details\":{\"sensor\":\"spo2\"}}")
							.getBytes(StandardCharsets.UTF_8),
						null);
			}
			browser.await("the oximeter shows its probe off",
					(b) -> String.valueOf(b.text("#bed-1 .devices [data-device=ox-s1]")).contains("probe off"));
			assertThat(browser.attr("#bed-1 .devices [data-device=ox-s1]", "class")).contains("fault");
			assertThat(browser.text("#bed-1 .devices [data-device=mon-s1]")).contains("no technical alarm");
			browser.screenshot("board-per-device-status");

			// CSRF: the page's own session without the token is refused
			String alarmId = browser.attr("#bed-1 .alarm.priority-high", "data-alarm");
			assertThat(browser.fetchStatus("POST", "/api/alarms/" + alarmId + "/acknowledge", false)).isEqualTo(403);
			assertThat(browser.attr("#bed-1 .alarm.priority-high", "class")).contains("raised");
			// a nurse may not discharge: no button, and the API refuses
			assertThat(browser.present("#bed-1 .discharge-start")).isFalse();
			assertThat(browser.fetchStatus("DELETE", "/api/assignments/mon-s1", true)).isEqualTo(403);
			assertThat(nurseApi(ingest.port(), NURSE, NURSE_PASSWORD, "DELETE", "/api/assignments/mon-s1", null)
				.statusCode()).isEqualTo(403);

			// by keyboard: the focus survives the live updates, Enter acknowledges
			browser.driver()
				.executeScript("document.querySelector('#bed-1 .alarm.priority-high .acknowledge').focus()");
			Thread.sleep(2500);
			assertThat(browser.driver().executeScript("return document.activeElement.getAttribute('data-url')"))
				.isEqualTo("/api/alarms/" + alarmId + "/acknowledge");
			new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(org.openqa.selenium.Keys.ENTER)
				.perform();
			browser.await("the alarm shows acknowledged",
					(b) -> b.attr("#bed-1 .alarm.priority-high", "class").contains("acknowledged"));
			assertThat(browser.text("#action-result")).isEqualTo("Alarm acknowledged.");
			assertThat(browser.text("#bed-1 .alarm.priority-high")).contains("acknowledged");
			browser.screenshot("board-acknowledged");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						influx.query("station", "SELECT actor, message FROM activity WHERE kind='acknowledge'"))
					.contains(NURSE)
					.contains(alarmId));
			assertThat(influx.query("station", "SELECT actor, message FROM activity WHERE kind='observation'"))
				.contains(NURSE);

			// limits: a nurse may not change them, a charge nurse may; the bed page shows
			// the limits in force, who changed them, the sub-scores and the observations
			String lower = "{\"criticalLow\":80,\"low\":88}";
			assertThat(
					nurseApi(ingest.port(), NURSE, NURSE_PASSWORD, "PUT", "/api/patients/p-s1/thresholds/spo2", lower)
						.statusCode())
				.isEqualTo(403);
			assertThat(
					nurseApi(ingest.port(), CHARGE, CHARGE_PASSWORD, "PUT", "/api/patients/p-s1/thresholds/spo2", lower)
						.statusCode())
				.isEqualTo(200);
			browser.click("#bed-1 .bed-link");
			browser.await("the bed page", (b) -> b.present("#subscores"));
			assertThat(browser.text("#subscores tr[data-parameter=spo2] td")).isEqualTo("3");
			assertThat(browser.text("#subscores tr[data-parameter=resp_rate] td")).isEqualTo("3");
			assertThat(browser.text("#subscores tr[data-parameter=consciousness] td")).isEqualTo("0");
			assertThat(browser.text("#observations")).contains("ACVPU A – " + NURSE);
			// the latest vitals in force, with unit, source and age
			assertThat(browser.text("#vitals tr[data-parameter=spo2]")).contains("82 %")
				.contains("device mon-s1")
				.contains("ago");
			assertThat(browser.text("#vitals tr[data-parameter=resp_rate]")).contains("26 /min");
			assertThat(browser.text("#vitals tr[data-parameter=consciousness]")).contains("A (alert)")
				.contains("staff: " + NURSE);
			assertThat(browser.text("#limits tr[data-parameter=spo2]")).contains("critical low 80")
				.contains("low 88")
				.contains("limit changed: changed by " + CHARGE);
			assertThat(browser.text("#limits tr[data-parameter=heart_rate]")).contains("default");
			assertThat(browser.attr("[data-alarm='" + alarmId + "']", "class")).contains("acknowledged");
			assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
			browser.screenshot("bed-page");

			browser.submit("#logout");
			browser.await("logged out", (b) -> b.driver().getCurrentUrl().contains("/login?logout"));
			browser.logIn(CHARGE, CHARGE_PASSWORD);
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
			browser.submit("#logout");
			browser.await("logged out", (b) -> b.driver().getCurrentUrl().contains("/login?logout"));

			browser.logIn(ADMINISTRATOR, ADMINISTRATOR_PASSWORD);
			browser.await("the accounts page", (b) -> b.present("#accounts"));
			browser.submit("#accounts tr[data-account='nurse.dan'] form[action$='enabled'] button");
			assertThat(browser.text("#done")).isEqualTo("Disabled nurse.dan.");
			assertThat(nurseApi(ingest.port(), "nurse.dan", "dan-ward-password-333", "GET", "/api/alarms", null)
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
		properties.put("ingest.station.refresh", "1s");
		// plain HTTP in the test: a Secure cookie would not come back
		properties.put("server.servlet.session.cookie.secure", "false");
		return properties;
	}

	/** Every input of the login form has a label, and every button a name. */
	private static void assertLabelled(Browser browser) {
		for (var input : browser.driver()
			.findElements(org.openqa.selenium.By.cssSelector("input:not([type=hidden])"))) {
			String id = input.getAttribute("id");
			assertThat(browser.present("label[for='" + id + "']")).as("label for #" + id).isTrue();
		}
		for (var button : browser.driver().findElements(org.openqa.selenium.By.tagName("button"))) {
			assertThat(button.getText()).isNotBlank();
		}
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
