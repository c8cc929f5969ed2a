package care.vitals.ingest.security;

import java.util.Optional;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The people who may log in: the personal accounts of the accounts file, and the
 * integration account of {@code INGEST_ADMIN_*} if set (administrator and charge nurse,
 * for the ward's integrations and the existing scripts; docs/ward-station.md).
 */
final class AccountUserDetails implements UserDetailsService {

	private final AccountStore store;

	private final UserDetails integration;

	AccountUserDetails(AccountStore store, UserDetails integration) {
		this.store = store;
		this.integration = integration;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (this.integration != null && this.integration.getUsername().equals(username)) {
			return User.withUserDetails(this.integration).build();
		}
		Optional<Account> account = this.store.find(username);
		return account.map(AccountUserDetails::details)
			.orElseThrow(() -> new UsernameNotFoundException("no account " + username));
	}

	private static UserDetails details(Account account) {
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.authorities(account.roles().stream().map(Role::authority).toArray(String[]::new))
			.disabled(!account.enabled())
			.build();
	}

}
