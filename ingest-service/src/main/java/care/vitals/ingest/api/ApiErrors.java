package care.vitals.ingest.api;

import care.vitals.web.ProblemHandler;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Errors of the admin API are the shared error model of both services (module
 * {@code service-web}): the controllers throw {@code InvalidRequest} (400),
 * {@code NotFound} (404), {@code Conflict} (409) or {@code Unavailable} (503, the broker
 * or the storage did not take it: retry), and {@link ProblemHandler} answers them as RFC
 * 9457 problem details.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemHandler.class)
class ApiErrors {

}
