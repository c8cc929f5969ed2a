package care.vitals.ingest.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person's account: what is kept in the accounts file. Only the password's hash is
 * kept, in the {@code {id}hash} form of Spring Security's
 * {@code DelegatingPasswordEncoder} (bcrypt today), so stronger encodings can replace it
 * on the next login.
 *
 * @param username the login name, also the actor in {@code activity} and {@code alarms}
 * ({@code [a-z0-9._-]}, 2-64 characters)
 * @param passwordHash encoded password; never the password itself
 * @param roles at least one role
 * @param enabled whether the account may log in
 * @param changed when the account was last changed
 */
public record Account(String username, String passwordHash, Set<Role> roles, boolean enabled, Instant changed) {

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

	/** Shortest password accepted (NIST SP 800-63B asks at least 8; we ask more). */
	public static final int MIN_PASSWORD_LENGTH = 12;

	public Account {
		requireValidUsername(username);
		Objects.requireNonNull(passwordHash, "passwordHash");
		if (!passwordHash.startsWith("{")) {
			throw new IllegalArgumentException("password hash must carry its encoding id, e.g. {bcrypt}");
		}
		if (roles == null || roles.isEmpty()) {
			throw new IllegalArgumentException("an account needs at least one role");
		}
		roles = java.util.Collections.unmodifiableSet(EnumSet.copyOf(roles));
		Objects.requireNonNull(changed, "changed");
	}

	public static void requireValidUsername(String username) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException(
					"user name must be 2-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
		}
	}

	public static void requireAcceptablePassword(String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
		}
	}

}
