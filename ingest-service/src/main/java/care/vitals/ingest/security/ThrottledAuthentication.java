package care.vitals.ingest.security;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks user name and password (form login and HTTP basic alike) through the
 * {@link LoginThrottle}: a locked-out account or client is refused before its password is
 * looked at; a failure is counted, a success clears the account's count.
 */
final class ThrottledAuthentication implements AuthenticationProvider {

	/** The login audit trail (HIPAA §164.312(b)): who, from where, what happened. */
	private static final Log audit = LogFactory.getLog("care.vitals.ingest.security.audit");

	private final AuthenticationProvider passwords;

	private final LoginThrottle throttle;

	ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String who = printable(username);
		String client = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		Duration locked = this.throttle.lockedFor(username, client);
		if (!locked.isZero()) {
			audit.warn("login refused (locked out for " + LoginThrottledException.minutes(locked) + "): " + who
					+ " from " + client);
			throw new LoginThrottledException(locked);
		}
		try {
			Authentication authenticated = this.passwords.authenticate(authentication);
			this.throttle.succeeded(username);
			// every API call authenticates: successes only at debug level
			audit.debug("authenticated: " + who + " from " + client);
			return authenticated;
		}
		catch (AuthenticationException ex) {
			this.throttle.failed(username, client);
			audit.warn("login failed (" + ex.getClass().getSimpleName() + "): " + who + " from " + client);
			throw ex;
		}
	}

	/**
	 * A typed user name as it may go into a log line: printable, at most 64 characters.
	 */
	static String printable(String username) {
		String text = (username != null) ? username.replaceAll("[^\\x20-\\x7E]", "?") : "";
		return (text.length() > 64) ? text.substring(0, 64) + "..." : text;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Too many failed logins: refused whatever the password, for {@code remaining}. */
	static final class LoginThrottledException extends AuthenticationException {

		private final Duration remaining;

		LoginThrottledException(Duration remaining) {
			super("Too many failed logins; try again in " + minutes(remaining));
			this.remaining = remaining;
		}

		Duration remaining() {
			return this.remaining;
		}

		static String minutes(Duration remaining) {
			long seconds = Math.max(1, remaining.toSeconds());
			return (seconds < 120) ? seconds + " seconds" : ((seconds + 59) / 60) + " minutes";
		}

	}

}
