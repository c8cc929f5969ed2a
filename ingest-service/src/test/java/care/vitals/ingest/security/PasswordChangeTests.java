package care.vitals.ingest.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verifies that a person changes their own password only with the current one (checked
 * through the throttled login, so guessing it is throttled too), the new one twice and
 * long enough; that the integration account cannot; and that every change and refusal is
 * in the audit log with the account and the client.
 */
class PasswordChangeTests {

	private static final String OLD = "anna-old-password-1";

	private static final String NEW = "anna-new-password-22";

	@TempDir
	Path dir;

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

	private AuthenticationManager authentication;

	private PasswordController controller;

	@BeforeEach
	void setUp() {
		AccountStore store = new AccountStore(this.dir.resolve("accounts.json"));
		Accounts accounts = new Accounts(store, this.encoder, Clock.systemUTC());
		accounts.add("anna", OLD, EnumSet.of(Role.NURSE));
		AdminProperties integration = new AdminProperties("admin", "integration-password-1");
		AccountProperties properties = new AccountProperties(this.dir.resolve("accounts.json"),
				new AccountProperties.Throttle(3, 20, Duration.ofMinutes(5)), Duration.ofMinutes(15));
		SecurityConfiguration configuration = new SecurityConfiguration();
		this.authentication = configuration.authenticationManager(
				configuration.passwordAuthentication(store, integration, this.encoder, properties, Clock.systemUTC()));
		this.controller = new PasswordController(accounts, store, this.authentication, integration);
		this.audit.start();
		((Logger) LoggerFactory.getLogger("care.vitals.ingest.security.audit")).addAppender(this.audit);
	}

	@AfterEach
	void tearDown() {
		((Logger) LoggerFactory.getLogger("care.vitals.ingest.security.audit")).detachAppender(this.audit);
	}

	@Test
	void theCurrentPasswordAndTheNewOneTwiceChangeItAndTheChangeIsAudited() {
		assertThat(change("anna", OLD, NEW, NEW)).isNull();
		assertThat(loggedIn("anna", NEW)).isTrue();
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> loggedIn("anna", OLD));
		assertThat(lines()).anyMatch((line) -> line.equals("INFO password changed: anna from 10.1.2.3"));
	}

	@Test
	void refusalsSayWhyInWordsAndAreAudited() {
		assertThat(change("anna", "not-my-password", NEW, NEW)).isEqualTo("The current password is wrong.");
		assertThat(change("anna", OLD, NEW, NEW + "x")).isEqualTo("The new password and its repetition differ.");
		assertThat(change("anna", OLD, "short", "short"))
			.isEqualTo("The new password must have at least 12 characters.");
		assertThat(change("anna", OLD, OLD, OLD)).isEqualTo("The new password must differ from the current one.");
		assertThat(loggedIn("anna", OLD)).as("unchanged").isTrue();
		assertThat(lines()).anyMatch((line) -> line
			.equals("WARN password change refused (The current password is wrong.): anna from 10.1.2.3"));
	}

	@Test
	void guessingTheCurrentPasswordIsThrottledLikeALogin() {
		for (int i = 0; i < 3; i++) {
			assertThat(change("anna", "guess-" + i, NEW, NEW)).isEqualTo("The current password is wrong.");
		}
		assertThat(change("anna", OLD, NEW, NEW)).startsWith("Too many wrong passwords. Try again in");
	}

	@Test
	void theIntegrationAccountsPasswordIsConfigurationNotChangedHere() {
		assertThat(change("admin", "integration-password-1", NEW, NEW)).startsWith("This account's password is set");
	}

	/** The refusal shown, or {@code null} when changed. */
	private String change(String user, String current, String password, String repeat) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/station/password");
		request.setRemoteAddr("10.1.2.3");
		RedirectAttributesModelMap result = new RedirectAttributesModelMap();
		Authentication who = UsernamePasswordAuthenticationToken.authenticated(user, null, List.of());
		assertThat(this.controller.change(current, password, repeat, who, request, result))
			.isEqualTo("redirect:/station/password");
		return (String) result.getFlashAttributes().get("failure");
	}

	private boolean loggedIn(String user, String password) {
		return this.authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password))
			.isAuthenticated();
	}

	private List<String> lines() {
		return this.audit.list.stream().map((e) -> e.getLevel() + " " + e.getFormattedMessage()).toList();
	}

}
