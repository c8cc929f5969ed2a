package care.vitals.ingest.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Personal accounts of the ward station and the API (docs/ward-station.md).
 *
 * @param file the accounts file ({@code ACCOUNTS_FILE})
 * @param throttle how failed logins are slowed down
 * @param idleTimeout a session ends after this long without a user action
 * ({@code STATION_IDLE_TIMEOUT}); the board's own live updates do not count as actions
 */
@ConfigurationProperties("ingest.accounts")
public record AccountProperties(Path file, Throttle throttle, Duration idleTimeout) {

	/**
	 * Login throttling: after {@code accountFailures} consecutive failed logins of one
	 * account, or {@code clientFailures} of one client address, further attempts of that
	 * account or client are refused for {@code lockout}, whatever the password.
	 *
	 * @param accountFailures failures of one account before it is locked out
	 * @param clientFailures failures of one client address before it is locked out
	 * @param lockout how long a lockout lasts
	 */
	public record Throttle(int accountFailures, int clientFailures, Duration lockout) {

		public Throttle {
			if (accountFailures < 1 || clientFailures < 1) {
				throw new IllegalArgumentException("failure limits must be at least 1");
			}
			if (lockout == null || lockout.isNegative() || lockout.isZero()) {
				throw new IllegalArgumentException("lockout must be positive");
			}
		}

	}

}
