package care.vitals.ingest.api;

import care.vitals.ingest.security.ApiRoles;
import care.vitals.ingest.security.Role;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI description of the ingest's REST API, served at {@code /v3/api-docs} and
 * shown by Swagger UI at {@code /swagger-ui.html}, to anyone logged in (it holds no
 * patient data). Both ways of calling are described (HTTP basic for integrations, the
 * station's session with its CSRF token for the pages), and every operation states the
 * role it needs, taken from {@link ApiRoles}, the table the security rules enforce.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BASIC = "basic";

	static final String SESSION = "session";

	@Bean
	OpenAPI ingestOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Vital-signs ingest: clinical API")
				.version("1")
				.description("Admit, transfer and discharge (device assignments), alarms and their acknowledgement, "
						+ "NEWS2, staff observations, the SpO2 scale and per-patient alarm limits. Every change is "
						+ "recorded in `activity` with the authenticated user. Roles: `nurse` (read, record "
						+ "observations, acknowledge), `charge-nurse` (also admit, transfer, discharge, limits, "
						+ "SpO2 scale), `administrator` (accounts and the service's settings; no patient data unless "
						+ "also a nurse); each operation names its role (`x-required-role`). Errors are RFC 9457 "
						+ "problem details. See docs/clinical.md and docs/ward-station.md."))
			.components(new Components()
				.addSecuritySchemes(BASIC,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("A personal account or the integration account (INGEST_ADMIN_*); "
									+ "stateless, no session, no CSRF token. Throttled after repeated failures."))
				.addSecuritySchemes(SESSION,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name("JSESSIONID")
							.description("The ward station's session after the form login at /login. Every "
									+ "change also needs the session's CSRF token in the X-CSRF-TOKEN header "
									+ "(the pages read it from their <meta name=\"_csrf\">). Ends after "
									+ "STATION_IDLE_TIMEOUT without a user action.")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC))
			.addSecurityItem(new SecurityRequirement().addList(SESSION));
	}

	/** Every operation states the role it needs. */
	@Bean
	OpenApiCustomizer requiredRoles() {
		return (api) -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			Role role = ApiRoles.required(HttpMethod.valueOf(method.name()), concrete(path));
			describe(operation, role);
		}));
	}

	private static void describe(Operation operation, Role role) {
		operation.addExtension("x-required-role", role.code());
		String needs = "Requires the role `" + role.code() + "`"
				+ ((role == Role.NURSE) ? " (a charge nurse may too)." : ".");
		operation
			.setDescription((operation.getDescription() != null) ? operation.getDescription() + "\n\n" + needs : needs);
	}

	/** {@code /api/patients/{patient}/news2} as a path the rules can match. */
	static String concrete(String template) {
		return template.replaceAll("\\{[^}/]+}", "x");
	}

}
