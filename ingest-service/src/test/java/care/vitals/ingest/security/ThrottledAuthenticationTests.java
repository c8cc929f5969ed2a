package care.vitals.ingest.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verifies that a locked-out account is refused before its password is looked at (so
 * guessing on learns nothing, the right password included), and that typed user names
 * reach the log only as printable text.
 */
class ThrottledAuthenticationTests {

	@Test
	void aLockedOutAccountIsRefusedWithoutCheckingThePassword() {
		AtomicInteger checked = new AtomicInteger();
		AuthenticationProvider passwords = new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				checked.incrementAndGet();
				if (!"right-password".equals(authentication.getCredentials())) {
					throw new BadCredentialsException("wrong");
				}
				return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
						java.util.List.of());
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return true;
			}

		};
		ThrottledAuthentication throttled = new ThrottledAuthentication(passwords,
				new LoginThrottle(new AccountProperties.Throttle(2, 10, Duration.ofMinutes(1)), Clock.systemUTC()));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(
					() -> throttled.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("anna", "guess")));
		}
		assertThatExceptionOfType(ThrottledAuthentication.LoginThrottledException.class)
			.isThrownBy(() -> throttled
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("anna", "right-password")))
			.withMessageContaining("try again in");
		assertThat(checked).hasValue(2);
		assertThat(throttled.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("ben", "right-password"))
			.isAuthenticated()).isTrue();
	}

	@Test
	void typedUserNamesAreLoggedPrintableAndShort() {
		assertThat(ThrottledAuthentication.printable("anna\r\nINFO forged line")).isEqualTo("anna??INFO forged line");
		assertThat(ThrottledAuthentication.printable("x".repeat(100))).hasSize(67);
	}

}
