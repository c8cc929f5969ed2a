package care.vitals.ingest.security;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which role each call of the REST API needs: the one table {@link SecurityConfiguration}
 * enforces and the OpenAPI document states, so the two cannot disagree. The first rule
 * that matches decides; a call no rule matches is for administrators.
 */
public final class ApiRoles {

	/**
	 * One rule.
	 *
	 * @param method the HTTP method, or {@code null} for every method
	 * @param pattern the path pattern
	 * @param role the role needed (a charge nurse has every right of a nurse)
	 */
	record Rule(HttpMethod method, String pattern, Role role) {

		boolean matches(HttpMethod method, String path) {
			return (this.method == null || this.method.equals(method))
					&& PARSER.parse(this.pattern).matches(PathContainer.parsePath(path));
		}

	}

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	static final List<Rule> RULES = List.of(new Rule(HttpMethod.GET, "/api/**", Role.NURSE),
			new Rule(HttpMethod.POST, "/api/alarms/*/acknowledge", Role.NURSE),
			new Rule(HttpMethod.POST, "/api/patients/*/observations", Role.NURSE),
			new Rule(null, "/api/assignments/**", Role.CHARGE_NURSE),
			new Rule(null, "/api/patients/*/thresholds/**", Role.CHARGE_NURSE),
			new Rule(null, "/api/patients/*/spo2-scale", Role.CHARGE_NURSE));

	private ApiRoles() {
	}

	/**
	 * Returns the role a call needs.
	 * @param method the HTTP method
	 * @param path a concrete path, e.g. {@code /api/patients/p-1/observations}
	 * @return the role
	 */
	public static Role required(HttpMethod method, String path) {
		return first(method, path).map(Rule::role).orElse(Role.ADMINISTRATOR);
	}

	private static Optional<Rule> first(HttpMethod method, String path) {
		return RULES.stream().filter((rule) -> rule.matches(method, path)).findFirst();
	}

}
