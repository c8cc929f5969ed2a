package care.vitals.ingest.security;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what (docs/ward-station.md). Two filter chains share one set of rules and
 * one throttled authentication:
 * <ul>
 * <li>a request that carries HTTP basic credentials (the ward's integrations, scripts) is
 * authenticated by them alone: stateless, no session, no cookie, so no CSRF token
 * either;</li>
 * <li>everything else is the ward station in a browser: form login, a session that ends
 * after inactivity, CSRF tokens on every change, including the page's calls of the REST
 * API.</li>
 * </ul>
 * Health status is public (for probes, without details); the other actuator endpoints are
 * for administrators.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	/**
	 * A request of the board's live update, not a user action (see IdleSessionFilter).
	 */
	static final String POLL_HEADER = "X-Station-Poll";

	/**
	 * Sent by the station's script on every call: answered 401 without a basic challenge
	 * (no browser password dialog) when the session has ended.
	 */
	static final String SCRIPT_HEADER = "X-Requested-With";

	private static final RequestMatcher BASIC = (request) -> {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
	};

	private static final RequestMatcher API = (request) -> {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/api-docs");
	};

	/**
	 * A call of the API that presents no session cookie is anonymous whatever it sends,
	 * so a forged one can do nothing: it needs no CSRF token, and is answered 401 (not
	 * 403) like any unauthenticated API call. With a session cookie the token is
	 * required.
	 */
	private static final RequestMatcher API_WITHOUT_SESSION = (request) -> API.matches(request)
			&& request.getRequestedSessionId() == null;

	@Bean
	@Order(1)
	SecurityFilterChain basicCredentials(HttpSecurity http, AuthenticationManager authentication) throws Exception {
		BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
		entryPoint.setRealmName("vitals");
		http.securityMatcher(BASIC)
			.authorizeHttpRequests(SecurityConfiguration::rules)
			.authenticationManager(authentication)
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain station(HttpSecurity http, AuthenticationManager authentication,
			ThrottledAuthentication passwords, AccountProperties accounts, OidcProperties oidc, Clock clock)
			throws Exception {
		BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
		basic.setRealmName("vitals");
		if (oidc.enabled()) {
			// single sign-on besides the personal accounts (OidcLogin)
			ClientRegistrationRepository registrations = OidcLogin.registrations(oidc);
			http.oauth2Login((login) -> login.loginPage("/login")
				.clientRegistrationRepository(registrations)
				.authorizationEndpoint(
						(endpoint) -> endpoint.authorizationRequestResolver(OidcLogin.requests(registrations, oidc)))
				.userInfoEndpoint((users) -> users.oidcUserService(OidcLogin.users(oidc)))
				.defaultSuccessUrl("/station", false)
				.failureHandler(OidcLogin.failures()))
				.logout((logout) -> logout.logoutSuccessHandler(OidcLogin.logout(registrations)).permitAll());
		}
		else {
			http.logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll());
		}
		// one manager, without a parent (a failure must be counted once): the throttled
		// passwords, and the provider's authorization code when single sign-on is on
		AuthenticationManager manager = authentication;
		if (oidc.enabled()) {
			ProviderManager both = new ProviderManager(passwords, OidcLogin.provider(oidc));
			both.setEraseCredentialsAfterAuthentication(true);
			manager = both;
		}
		http.authorizeHttpRequests(SecurityConfiguration::rules)
			.authenticationManager(manager)
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/station", false).permitAll())
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						(request) -> request.getHeader(SCRIPT_HEADER) != null)
				.defaultAuthenticationEntryPointFor(basic, API)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true))
			.requestCache((cache) -> cache.requestCache(pagesOnly()))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(API_WITHOUT_SESSION))
			.sessionManagement((session) -> session.sessionFixation((fixation) -> fixation.changeSessionId()))
			.addFilterAfter(new IdleSessionFilter(accounts.idleTimeout(), clock), BasicAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * After login the browser goes back to the page it asked for, never to a script's
	 * call (the board's beds fragment, an API call): that would show a bare fragment or
	 * JSON instead of the board.
	 */
	private static HttpSessionRequestCache pagesOnly() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setRequestMatcher((request) -> "GET".equals(request.getMethod())
				&& request.getHeader(SCRIPT_HEADER) == null && !API.matches(request));
		return cache;
	}

	/**
	 * The one set of rules of both chains: the API and the pages ask the same roles; the
	 * API's come from {@link ApiRoles}, which the OpenAPI document states as well.
	 */
	private static void rules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		String nurse = Role.NURSE.name();
		String administrator = Role.ADMINISTRATOR.name();
		requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
			.permitAll()
			.requestMatchers("/login", "/station.css", "/station.js", "/favicon.ico", "/error")
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasRole(administrator);
		for (ApiRoles.Rule rule : ApiRoles.RULES) {
			if (rule.method() != null) {
				requests.requestMatchers(rule.method(), rule.pattern()).hasRole(rule.role().name());
			}
			else {
				requests.requestMatchers(rule.pattern()).hasRole(rule.role().name());
			}
		}
		// the API's description (no patient data): anyone who may log in, so an
		// integrator with any account can read it; not public
		requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
			.authenticated()
			.requestMatchers("/station/accounts/**")
			.hasRole(administrator)
			.requestMatchers("/station/wards/**")
			.hasRole(nurse)
			.requestMatchers("/", "/station", "/station/password")
			.authenticated()
			.anyRequest()
			.hasRole(administrator);
	}

	/** A charge nurse may do everything a nurse may. */
	static final RoleHierarchy ROLE_HIERARCHY = RoleHierarchyImpl
		.fromHierarchy(Role.CHARGE_NURSE.authority() + " > " + Role.NURSE.authority());

	@Bean
	static RoleHierarchy roleHierarchy() {
		return ROLE_HIERARCHY;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AccountStore accountStore(AccountProperties properties) {
		return new AccountStore(properties.file());
	}

	@Bean
	Accounts accounts(AccountStore store, PasswordEncoder encoder, Clock clock) {
		return new Accounts(store, encoder, clock);
	}

	/** Passwords (personal accounts and the integration account), throttled. */
	@Bean
	ThrottledAuthentication passwordAuthentication(AccountStore store, AdminProperties admin, PasswordEncoder encoder,
			AccountProperties properties, Clock clock) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(
				new AccountUserDetails(store, integrationAccount(admin, encoder)));
		passwords.setPasswordEncoder(encoder);
		return new ThrottledAuthentication(passwords, new LoginThrottle(properties.throttle(), clock));
	}

	@Bean
	AuthenticationManager authenticationManager(ThrottledAuthentication passwords) {
		ProviderManager manager = new ProviderManager(passwords);
		manager.setEraseCredentialsAfterAuthentication(true);
		return manager;
	}

	/**
	 * The account of {@code INGEST_ADMIN_*}: the integrations' account, administrator and
	 * charge nurse, so existing integrations keep every right they had.
	 */
	private static UserDetails integrationAccount(AdminProperties admin, PasswordEncoder encoder) {
		if (!admin.configured()) {
			logger.info("INGEST_ADMIN_USERNAME/INGEST_ADMIN_PASSWORD (12+ characters) not set: "
					+ "no integration account; personal accounts only (docs/ward-station.md)");
			return null;
		}
		return User.withUsername(admin.username())
			.password(encoder.encode(admin.password()))
			.authorities(Role.ADMINISTRATOR.authority(), Role.CHARGE_NURSE.authority())
			.build();
	}

}
