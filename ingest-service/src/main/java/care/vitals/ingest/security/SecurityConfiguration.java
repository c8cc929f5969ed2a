package care.vitals.ingest.security;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health status is public (for probes, without details); everything else, the admin API
 * and the other actuator endpoints, needs the admin account over HTTP basic.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	static final String ADMIN = "ADMIN";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
			.permitAll()
			.anyRequest()
			.hasRole(ADMIN))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(AdminProperties admin, PasswordEncoder encoder) {
		List<UserDetails> users = new ArrayList<>();
		if (admin.configured()) {
			users.add(User.withUsername(admin.username())
				.password(encoder.encode(admin.password()))
				.roles(ADMIN)
				.build());
		}
		else {
			logger.warn("INGEST_ADMIN_USERNAME/INGEST_ADMIN_PASSWORD (12+ characters) not set: "
					+ "the admin API and actuator endpoints other than health are closed");
		}
		return new InMemoryUserDetailsManager(users);
	}

}
