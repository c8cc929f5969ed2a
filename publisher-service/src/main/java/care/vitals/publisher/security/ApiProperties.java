package care.vitals.publisher.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The account of the REST API. There is no default: while {@code PUBLISHER_API_USERNAME}
 * and {@code PUBLISHER_API_PASSWORD} (12 characters or more) are unset, everything but
 * the health status is refused.
 *
 * @param username API user name
 * @param password API password
 */
@ConfigurationProperties("publisher.api")
public record ApiProperties(String username, String password) {

	static final int MIN_PASSWORD_LENGTH = 12;

	boolean configured() {
		return this.username != null && !this.username.isBlank() && this.password != null
				&& this.password.length() >= MIN_PASSWORD_LENGTH;
	}

}
