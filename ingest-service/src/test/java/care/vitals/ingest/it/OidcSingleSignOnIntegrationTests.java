package care.vitals.ingest.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies single sign-on with a real OpenID Connect provider (Keycloak from Maven
 * Central, {@link KeycloakServer}) in headless Chromium, against the real ingest: a nurse
 * logs in through the hospital's provider (asked for her password: {@code prompt=login}),
 * gets her station role from the provider's {@code roles} claim, acts as herself (her
 * name in {@code activity}), may not open the accounts page, has no password to change
 * here; logging out ends the provider's session too, so the next login asks for a
 * password again; a hospital account without a station role is refused in words.
 * Screenshots under {@code target/station-screenshots/sso-*}.
 */
class OidcSingleSignOnIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	static final String SECRET = "ward-station-test-client-secret";

	@TempDir
	Path dir;

	@Test
	void aNurseLogsInThroughTheHospitalsSingleSignOnAndActsAsHerself() throws Exception {
		influx.createDatabase("station_sso");
		int ingestPort = KeycloakServer.freePort();
		try (KeycloakServer keycloak = KeycloakServer.start(realm(ingestPort), "hospital", KeycloakServer.freePort())) {
			Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), "ingest-sso", influx.url(),
					"station_sso", this.dir.resolve("spool"));
			properties.put("server.port", Integer.toString(ingestPort));
			properties.put("ingest.accounts.file", this.dir.resolve("accounts.json").toString());
			properties.put("ingest.station.beds", "ward-o/1,ward-o/2");
			properties.put("ingest.station.refresh", "1s");
			properties.put("server.servlet.session.cookie.secure", "false");
			properties.put("ingest.station.oidc.issuer", keycloak.issuer("hospital"));
			properties.put("ingest.station.oidc.client-id", "ward-station");
			properties.put("ingest.station.oidc.client-secret", SECRET);
			try (RunningIngest ingest = RunningIngest.start(properties);
					Browser browser = new Browser(ingestPort, "sso")) {
				new AdminApi(ingest).admit("mon-o1", "p-o1", "ward-o", "1", Instant.now().minusSeconds(60));

				browser.open("/login");
				assertThat(browser.text("#sso-login")).isEqualTo("Log in with the hospital's single sign-on");
				assertThat(browser.lowContrast()).as("text below 4.5:1 contrast").isEmpty();
				browser.screenshot("login-page-with-single-sign-on");
				browser.submit("#sso-login");
				browser.await("the provider's login page", (b) -> b.present("#kc-login"));
				assertThat(browser.driver().getCurrentUrl()).startsWith(keycloak.issuer("hospital"))
					.contains("prompt=login");
				browser.screenshot("provider-asks-for-the-password");
				browser.find("#username").sendKeys("eve");
				browser.find("#password").sendKeys("eve-sso-password-1");
				browser.submit("#kc-login");
				browser.await("the board", (b) -> b.present("#board #bed-1 .pseudonym"));
				assertThat(browser.text("#user")).isEqualTo("eve");
				browser.screenshot("nurse-logged-in-through-single-sign-on");

				// she acts as herself through the page's session; a nurse, not an
				// administrator
				assertThat(browser.fetchJson("POST", "/api/patients/p-o1/observations", "{\"consciousness\":\"A\"}"))
					.isEqualTo(200);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(
							influx.query("station_sso", "SELECT actor, message FROM activity WHERE kind='observation'"))
						.contains("\"eve\""));
				assertThat(browser.fetchStatus("GET", "/station/accounts", false)).isEqualTo(403);
				assertThat(browser.fetchStatus("DELETE", "/api/assignments/mon-o1", true)).as("not a charge nurse")
					.isEqualTo(403);
				browser.open("/station/password");
				assertThat(browser.text("main")).contains("managed by the hospital's single sign-on");
				assertThat(browser.present("#password-form")).isFalse();

				// logging out ends the provider's session too (a shared ward device); the
				// next login asks for the password again
				assertThat(keycloak.sessions("hospital", "eve")).as("eve's session at the provider").isEqualTo(1);
				browser.submit("#logout");
				browser.await("back at the login page",
						(b) -> b.driver().getCurrentUrl().startsWith("http://127.0.0.1:" + ingestPort + "/login"));
				assertThat(keycloak.sessions("hospital", "eve")).as("after logging out of the station").isZero();
				browser.submit("#sso-login");
				browser.await("the provider asks for the password again", (b) -> b.present("#kc-login"));

				// a hospital account without a station role is refused, in words
				browser.find("#username").sendKeys("walt");
				browser.find("#password").sendKeys("walt-sso-password-2");
				browser.submit("#kc-login");
				browser.await("refused", (b) -> b.present("#login-failure"));
				assertThat(browser.text("#login-failure")).isEqualTo(
						"Your hospital account has no ward station role (nurse, charge nurse or administrator).");
				assertThat(browser.present("#user")).isFalse();
				browser.screenshot("account-without-a-station-role-refused");
			}
		}
	}

	/**
	 * The hospital's realm: realm roles named like the station's, put into the ID token's
	 * {@code roles} claim; eve a nurse, walt without a station role; the station a
	 * confidential client allowed to come back to the ingest.
	 */
	private static String realm(int ingestPort) {
		String base = "http://127.0.0.1:" + ingestPort;
		return """
				{
				  "realm": "hospital",
				  "enabled": true,
				  "sslRequired": "none",
				  "roles": {"realm": [{"name": "nurse"}, {"name": "charge-nurse"}, {"name": "administrator"}]},
				  "users": [
				    {"username": "eve", "enabled": true, "email": "eve@hospital.test", "emailVerified": true,
				     "firstName": "Eve", "lastName": "Ward", "realmRoles": ["nurse"],
				     "credentials": [{"type": "password", "value": "eve-sso-password-1", "temporary": false}]},
				    {"username": "walt", "enabled": true, "email": "walt@hospital.test", "emailVerified": true,
				     "firstName": "Walt", "lastName": "Porter", "realmRoles": [],
				     "credentials": [{"type": "password", "value": "walt-sso-password-2", "temporary": false}]}
				  ],
				  "clients": [
				    {"clientId": "ward-station", "enabled": true, "protocol": "openid-connect", "publicClient": false,
				     "secret": "%s", "standardFlowEnabled": true, "directAccessGrantsEnabled": false,
				     "redirectUris": ["%s/login/oauth2/code/hospital"],
				     "attributes": {"post.logout.redirect.uris": "%s/login?logout"},
				     "protocolMappers": [
				       {"name": "station roles", "protocol": "openid-connect",
				        "protocolMapper": "oidc-usermodel-realm-role-mapper",
				        "config": {"claim.name": "roles", "jsonType.label": "String", "multivalued": "true",
				                   "id.token.claim": "true", "access.token.claim": "true",
				                   "userinfo.token.claim": "true"}}
				     ]}
				  ]
				}
				""".formatted(SECRET, base, base);
	}

}
