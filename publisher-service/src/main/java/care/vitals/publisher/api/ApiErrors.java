package care.vitals.publisher.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import care.vitals.web.ProblemHandler;

/**
 * Errors of the API are the shared error model of both services (module
 * {@code service-web}): the simulation service throws its own kinds of
 * {@code InvalidRequest} (400), {@code NotFound} (404) and {@code Conflict} (409), and
 * {@link ProblemHandler} answers them, Spring MVC's own errors and any fault (500, no
 * internals) as RFC 9457 problem details.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemHandler.class)
class ApiErrors {

}
