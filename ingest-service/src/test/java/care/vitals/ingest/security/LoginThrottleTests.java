package care.vitals.ingest.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the lockout per account and per client address, its end, and that a success
 * clears only the account's count.
 */
class LoginThrottleTests {

	private Instant now = Instant.parse("2026-01-01T08:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return LoginThrottleTests.this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	private final LoginThrottle throttle = new LoginThrottle(
			new AccountProperties.Throttle(3, 5, Duration.ofMinutes(5)), this.clock);

	@Test
	void locksAnAccountOutAfterItsFailuresUntilTheLockoutEnds() {
		this.throttle.failed("anna", "10.0.0.1");
		this.throttle.failed("anna", "10.0.0.2");
		assertThat(this.throttle.lockedFor("anna", "10.0.0.3")).isZero();
		this.throttle.failed("anna", "10.0.0.3");
		assertThat(this.throttle.lockedFor("anna", "10.0.0.4")).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.throttle.lockedFor("ben", "10.0.0.4")).isZero();
		this.now = this.now.plus(Duration.ofMinutes(5));
		assertThat(this.throttle.lockedFor("anna", "10.0.0.4")).isZero();
		this.throttle.failed("anna", "10.0.0.4");
		assertThat(this.throttle.lockedFor("anna", "10.0.0.4")).as("a new count after the lockout").isZero();
	}

	@Test
	void locksAClientOutThatGuessesAcrossAccounts() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("user-" + i, "10.0.0.9");
		}
		assertThat(this.throttle.lockedFor("anyone", "10.0.0.9")).isPositive();
		assertThat(this.throttle.lockedFor("anyone", "10.0.0.8")).isZero();
	}

	@Test
	void aSuccessClearsTheAccountsCountButNotTheClients() {
		this.throttle.failed("anna", "10.0.0.1");
		this.throttle.failed("anna", "10.0.0.1");
		this.throttle.succeeded("anna");
		this.throttle.failed("anna", "10.0.0.1");
		this.throttle.failed("anna", "10.0.0.1");
		assertThat(this.throttle.lockedFor("anna", "10.0.0.2")).isZero();
		this.throttle.failed("anna", "10.0.0.1");
		assertThat(this.throttle.lockedFor("ben", "10.0.0.1")).as("the client's fifth failure").isPositive();
	}

}
