package care.vitals.ingest.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates and changes accounts: the rules (valid names, long enough passwords, at least
 * one role, one account per name) in one place for the {@code account} command and the
 * service. Passwords are hashed here and never kept or logged.
 */
public final class Accounts {

	private final AccountStore store;

	private final PasswordEncoder encoder;

	private final Clock clock;

	public Accounts(AccountStore store, PasswordEncoder encoder, Clock clock) {
		this.store = store;
		this.encoder = encoder;
		this.clock = clock;
	}

	/**
	 * Adds an account.
	 * @throws IllegalArgumentException if the name is taken or invalid, the password too
	 * short, or no role given
	 */
	public Account add(String username, String password, Set<Role> roles) {
		Account.requireValidUsername(username);
		Account.requireAcceptablePassword(password);
		Account account = new Account(username, this.encoder.encode(password), roles, true, Instant.now(this.clock));
		this.store.update((accounts) -> {
			if (accounts.containsKey(username)) {
				throw new IllegalArgumentException("an account named " + username + " exists already");
			}
			accounts.put(username, account);
			return accounts;
		});
		return account;
	}

	/** Sets a new password (and enables the account). */
	public Account resetPassword(String username, String password) {
		Account.requireAcceptablePassword(password);
		String hash = this.encoder.encode(password);
		return change(username, (a) -> new Account(a.username(), hash, a.roles(), true, Instant.now(this.clock)));
	}

	/**
	 * Sets a person's own new password (the caller has checked the current one); a
	 * disabled account stays disabled and cannot change it.
	 * @throws IllegalArgumentException if the password is too short or the account is
	 * unknown or disabled
	 */
	public Account changeOwnPassword(String username, String password) {
		Account.requireAcceptablePassword(password);
		String hash = this.encoder.encode(password);
		return change(username, (a) -> {
			if (!a.enabled()) {
				throw new IllegalArgumentException("the account " + username + " is disabled");
			}
			return new Account(a.username(), hash, a.roles(), true, Instant.now(this.clock));
		});
	}

	public Account enable(String username, boolean enabled) {
		return change(username,
				(a) -> new Account(a.username(), a.passwordHash(), a.roles(), enabled, Instant.now(this.clock)));
	}

	public Account roles(String username, Set<Role> roles) {
		return change(username,
				(a) -> new Account(a.username(), a.passwordHash(), roles, a.enabled(), Instant.now(this.clock)));
	}

	public List<Account> all() {
		return this.store.all();
	}

	private Account change(String username, java.util.function.UnaryOperator<Account> edit) {
		Account[] changed = new Account[1];
		this.store.update((accounts) -> {
			Account current = accounts.get(username);
			if (current == null) {
				throw new IllegalArgumentException("no account named " + username);
			}
			changed[0] = edit.apply(current);
			accounts.put(username, changed[0]);
			return accounts;
		});
		return changed[0];
	}

}
