package care.vitals.ingest.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per client address and locks either out for a
 * while once it has failed too often (OWASP ASVS 2.2.1). While locked out, an attempt is
 * refused before its password is checked, so guessing on learns nothing. A success clears
 * the account's count, not the client's: one right password does not buy a client a fresh
 * round of guesses at other accounts.
 * <p>
 * Counts live in this process: a restart forgets them, and each ingest instance counts
 * its own (docs/ward-station.md). At most {@value #MAX_TRACKED} keys are kept; expired
 * ones are dropped first.
 */
final class LoginThrottle {

	static final int MAX_TRACKED = 10_000;

	private final AccountProperties.Throttle limits;

	private final Clock clock;

	private final Map<String, Failures> accounts = new ConcurrentHashMap<>();

	private final Map<String, Failures> clients = new ConcurrentHashMap<>();

	LoginThrottle(AccountProperties.Throttle limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	/** How long the account or the client is still locked out, or zero. */
	Duration lockedFor(String username, String client) {
		Instant now = Instant.now(this.clock);
		Duration account = remaining((username != null) ? this.accounts.get(username) : null, now);
		Duration address = remaining((client != null) ? this.clients.get(client) : null, now);
		return (account.compareTo(address) >= 0) ? account : address;
	}

	void failed(String username, String client) {
		Instant now = Instant.now(this.clock);
		count(this.accounts, username, this.limits.accountFailures(), now);
		count(this.clients, client, this.limits.clientFailures(), now);
	}

	void succeeded(String username) {
		if (username != null) {
			this.accounts.remove(username);
		}
	}

	private void count(Map<String, Failures> counts, String key, int limit, Instant now) {
		if (key == null) {
			return;
		}
		if (counts.size() >= MAX_TRACKED) {
			counts.values().removeIf((f) -> f.lockedUntil() == null || !f.lockedUntil().isAfter(now));
		}
		counts.compute(key, (k, current) -> {
			int failures = ((current != null && !expired(current, now)) ? current.count() : 0) + 1;
			Instant until = (failures >= limit) ? now.plus(this.limits.lockout()) : null;
			return new Failures(failures, until);
		});
	}

	/** A lockout that has run out starts the count afresh. */
	private static boolean expired(Failures failures, Instant now) {
		return failures.lockedUntil() != null && !failures.lockedUntil().isAfter(now);
	}

	private static Duration remaining(Failures failures, Instant now) {
		if (failures == null || failures.lockedUntil() == null || !failures.lockedUntil().isAfter(now)) {
			return Duration.ZERO;
		}
		return Duration.between(now, failures.lockedUntil());
	}

	private record Failures(int count, Instant lockedUntil) {
	}

}
