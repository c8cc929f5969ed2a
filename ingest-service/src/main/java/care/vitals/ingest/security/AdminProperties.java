package care.vitals.ingest.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator account of the admin API and actuator. There is no default: while
 * {@code INGEST_ADMIN_USERNAME} and {@code INGEST_ADMIN_PASSWORD} are unset, everything
 * but the health status is refused.
 *
 * @param username admin user name
 * @param password admin password (at least 12 characters)
 */
@ConfigurationProperties("ingest.admin")
public record AdminProperties(String username, String password) {

	static final int MIN_PASSWORD_LENGTH = 12;

	boolean configured() {
		return this.username != null && !this.username.isBlank() && this.password != null
				&& this.password.length() >= MIN_PASSWORD_LENGTH;
	}

}
