package care.vitals.ingest.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies how single sign-on reads a person's station roles (a list or a text of codes;
 * other roles of the hospital ignored) and that an issuer needs a client id.
 */
class OidcLoginTests {

	@Test
	void stationRolesComeFromTheClaimOthersAreIgnored() {
		assertThat(OidcLogin.roles(List.of("nurse", "offline_access", "uma_authorization")))
			.containsExactly(Role.NURSE);
		assertThat(OidcLogin.roles("charge-nurse administrator")).containsExactly(Role.CHARGE_NURSE,
				Role.ADMINISTRATOR);
		assertThat(OidcLogin.roles(null)).isEmpty();
		assertThat(OidcLogin.roles(List.of("doctor"))).isEmpty();
	}

	@Test
	void singleSignOnIsOffWithoutAnIssuerAndNeedsAClientIdWithOne() {
		OidcProperties off = new OidcProperties("", null, null, null, null, null, null);
		assertThat(off.enabled()).isFalse();
		assertThat(off.rolesClaim()).isEqualTo("roles");
		assertThat(off.usernameClaim()).isEqualTo("preferred_username");
		assertThat(off.promptLogin()).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OidcProperties("https://sso.test/realms/h", "", null, null, null, null, null))
			.withMessageContaining("STATION_OIDC_CLIENT_ID");
	}

}
