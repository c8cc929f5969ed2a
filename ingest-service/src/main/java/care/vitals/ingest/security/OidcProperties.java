package care.vitals.ingest.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on with the hospital's OpenID Connect provider (docs/ward-station.md),
 * besides the personal accounts: off unless {@code issuer} is set.
 *
 * @param issuer the provider's issuer URL ({@code STATION_OIDC_ISSUER}), e.g.
 * {@code https://sso.hospital.local/realms/hospital}; empty: no single sign-on
 * @param clientId the station's client id at the provider
 * ({@code STATION_OIDC_CLIENT_ID})
 * @param clientSecret its secret ({@code STATION_OIDC_CLIENT_SECRET})
 * @param rolesClaim the claim of the ID token (or user info) listing the person's roles;
 * {@code nurse}, {@code charge-nurse} and {@code administrator} count, others are ignored
 * @param usernameClaim the claim naming the person in {@code activity} and {@code alarms}
 * (letters, digits, {@code . _ -}, at most 64)
 * @param label how the login page names the provider
 * @param promptLogin ask the provider to check the password at every login
 * ({@code prompt=login}): ward devices are shared, so a provider session left open by the
 * previous nurse must not log the next one in
 */
@ConfigurationProperties("ingest.station.oidc")
public record OidcProperties(String issuer, String clientId, String clientSecret, String rolesClaim,
		String usernameClaim, String label, Boolean promptLogin) {

	/** The registration id: {@code /oauth2/authorization/hospital}. */
	public static final String REGISTRATION = "hospital";

	public OidcProperties {
		issuer = (issuer != null) ? issuer.trim() : "";
		rolesClaim = (rolesClaim == null || rolesClaim.isBlank()) ? "roles" : rolesClaim.trim();
		usernameClaim = (usernameClaim == null || usernameClaim.isBlank()) ? "preferred_username"
				: usernameClaim.trim();
		label = (label == null || label.isBlank()) ? "the hospital's single sign-on" : label.trim();
		promptLogin = (promptLogin == null) || promptLogin;
		if (!issuer.isEmpty() && (clientId == null || clientId.isBlank())) {
			throw new IllegalArgumentException(
					"ingest.station.oidc.client-id (STATION_OIDC_CLIENT_ID) is needed with an issuer");
		}
	}

	public boolean enabled() {
		return !this.issuer.isEmpty();
	}

}
