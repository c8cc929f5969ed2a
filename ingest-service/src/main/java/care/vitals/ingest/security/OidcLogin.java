package care.vitals.ingest.security;

import java.io.IOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Single sign-on over OpenID Connect (Spring Security's OAuth2 client): the parts the
 * station adds to it.
 * <ul>
 * <li>The provider's metadata is fetched at the first login, not at start: the ingest
 * starts and ingests without the provider (personal accounts still log in).</li>
 * <li>The person's station roles come from a claim ({@code roles}); a person with none of
 * {@code nurse}, {@code charge-nurse}, {@code administrator} is refused, as is a user
 * name that is not a valid identifier (it is the actor of {@code activity}).</li>
 * <li>Every login asks the provider for the password ({@code prompt=login}), and logging
 * out ends the provider's session too: ward devices are shared.</li>
 * </ul>
 * Logins and refusals are audited like password logins.
 */
final class OidcLogin {

	private static final Log audit = LogFactory.getLog("care.vitals.ingest.security.audit");

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** The error code of a refused login: the login page says why. */
	static final String NO_ROLE = "no_station_role";

	static final String BAD_NAME = "invalid_user_name";

	private OidcLogin() {
	}

	/** A registration resolved from the issuer's metadata at first use, then kept. */
	static ClientRegistrationRepository registrations(OidcProperties properties) {
		return new ClientRegistrationRepository() {

			private volatile ClientRegistration registration;

			@Override
			public ClientRegistration findByRegistrationId(String id) {
				if (!OidcProperties.REGISTRATION.equals(id)) {
					return null;
				}
				ClientRegistration resolved = this.registration;
				if (resolved == null) {
					synchronized (this) {
						if (this.registration == null) {
							this.registration = ClientRegistrations.fromIssuerLocation(properties.issuer())
								.registrationId(OidcProperties.REGISTRATION)
								.clientId(properties.clientId())
								.clientSecret(properties.clientSecret())
								.scope("openid", "profile")
								.userNameAttributeName(properties.usernameClaim())
								.build();
						}
						resolved = this.registration;
					}
				}
				return resolved;
			}

		};
	}

	/** The person, with the station's roles taken from the roles claim. */
	static OidcUserService users(OidcProperties properties) {
		OidcUserService delegate = new OidcUserService();
		return new OidcUserService() {

			@Override
			public OidcUser loadUser(OidcUserRequest request) {
				OidcUser user = delegate.loadUser(request);
				Object name = user.getClaims().get(properties.usernameClaim());
				if (!(name instanceof String text) || !USERNAME.matcher(text).matches()) {
					audit.warn("single sign-on refused (user name not usable): subject " + user.getSubject());
					throw new OAuth2AuthenticationException(new OAuth2Error(BAD_NAME));
				}
				Set<Role> roles = roles(user.getClaims().get(properties.rolesClaim()));
				if (roles.isEmpty()) {
					audit.warn("single sign-on refused (no station role): " + text);
					throw new OAuth2AuthenticationException(new OAuth2Error(NO_ROLE));
				}
				List<GrantedAuthority> authorities = roles.stream()
					.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
					.toList();
				audit.info("single sign-on: " + text + " as " + roles);
				return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
						properties.usernameClaim());
			}

		};
	}

	static Set<Role> roles(Object claim) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (claim instanceof Collection<?> values) {
			values.forEach((value) -> Role.fromCode(String.valueOf(value)).ifPresent(roles::add));
		}
		else if (claim instanceof String value) {
			for (String code : value.split("[,\\s]+")) {
				if (!code.isEmpty()) {
					Role.fromCode(code).ifPresent(roles::add);
				}
			}
		}
		return roles;
	}

	/**
	 * Exchanges the provider's authorization code for the tokens and the person (with the
	 * station's roles).
	 */
	static AuthenticationProvider provider(OidcProperties properties) {
		return new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(),
				users(properties));
	}

	/** Authorization requests with {@code prompt=login} when configured. */
	static OAuth2AuthorizationRequestResolver requests(ClientRegistrationRepository registrations,
			OidcProperties properties) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		if (properties.promptLogin()) {
			resolver.setAuthorizationRequestCustomizer(
					(builder) -> builder.additionalParameters((parameters) -> parameters.put("prompt", "login")));
		}
		return resolver;
	}

	/**
	 * Logging out of a single sign-on session ends the provider's session too, then comes
	 * back to the login page; a password session just ends.
	 */
	static OidcClientInitiatedLogoutSuccessHandler logout(ClientRegistrationRepository registrations) {
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		handler.setPostLogoutRedirectUri("{baseUrl}/login?logout");
		handler.setDefaultTargetUrl("/login?logout");
		return handler;
	}

	/**
	 * A failed single sign-on goes back to the login page, which says why; the audit log
	 * has the provider's answer.
	 */
	static SimpleUrlAuthenticationFailureHandler failures() {
		return new SimpleUrlAuthenticationFailureHandler("/login?sso") {

			@Override
			public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
					AuthenticationException exception) throws IOException, ServletException {
				String why = (exception instanceof OAuth2AuthenticationException refused)
						? refused.getError().getErrorCode() : exception.getMessage();
				audit.warn("single sign-on failed (" + why + ") from " + request.getRemoteAddr());
				super.onAuthenticationFailure(request, response, exception);
			}

		};
	}

	/** For the login page: what a refused single sign-on means, in words. */
	static String refusal(String code) {
		return switch (code) {
			case NO_ROLE -> "Your hospital account has no ward station role (nurse, charge nurse or administrator).";
			case BAD_NAME -> "Your hospital account's user name cannot be used here; ask the administrator.";
			default -> "Single sign-on failed. Try again, or log in with your station account.";
		};
	}

}
