package care.vitals.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where both services' API errors become RFC 9457 problem details: a
 * {@link ProblemException} answers with its {@link ProblemType} (status, stable
 * {@code type}, title) and its detail; anything else is a fault, 500
 * {@code internal-error} with no class names, messages or stack traces (the log has
 * them).
 * <p>
 * It lives in {@code service-web}, a module both services depend on, because
 * {@code common-model} must stay a plain jar without Spring, and a copy per service is
 * how the two drifted apart (the ingest answered 409 for an interrupted write). A service
 * uses it with {@code @Import(ProblemHandler.class)} in its {@code api} package.
 * <p>
 * Spring MVC's own errors (unreadable body, wrong method or media type, a path variable
 * of the wrong type) keep their status and stay problem details: this is a
 * {@link ResponseEntityExceptionHandler}, so Boot's
 * {@code spring.mvc.problemdetails.enabled} handler (the same class) backs off for it and
 * Spring's handlers, more specific than {@link #unexpected}, still win. Spring Security's
 * exceptions are handed back to its filters (401, 403).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemHandler.class);

	private static final String UNEXPECTED = "The request failed unexpectedly; the log has the details.";

	/**
	 * Answers a problem the service named.
	 * @param ex what the service threw
	 * @return the problem, with {@code Retry-After} if the service was unavailable
	 */
	@ExceptionHandler(ProblemException.class)
	public ResponseEntity<ProblemDetail> handleProblem(ProblemException ex) {
		ProblemDetail problem = problem(ex.type(), ex.detail());
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof InvalidRequest invalid && !invalid.errors().isEmpty()) {
			problem.setProperty("errors", invalid.errors());
		}
		if (ex instanceof Unavailable unavailable) {
			logger.warn("Unavailable: " + ex.detail(), ex.getCause());
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(ex.type().slug() + ": " + ex.detail());
		}
		return ResponseEntity.status(ex.type().status()).headers(headers).body(problem);
	}

	/**
	 * Answers a fault: 500, nothing of its internals.
	 * @param ex what was thrown
	 * @return the problem
	 * @throws Exception Spring Security's exceptions, unchanged, for its filters
	 */
	@ExceptionHandler(Exception.class)
	public ProblemDetail unexpected(Exception ex) throws Exception {
		if (isSecurityException(ex)) {
			throw ex;
		}
		logger.error("Unexpected error in the API", ex);
		return problem(ProblemType.INTERNAL_ERROR, UNEXPECTED);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.merge(error.getField(),
					error.getDefaultMessage() + " (got " + error.getRejectedValue() + ")", (a, b) -> a + "; " + b));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.put(error.getObjectName(), error.getDefaultMessage()));
		ProblemDetail problem = problem(ProblemType.INVALID_REQUEST, "The request has invalid fields.");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(ProblemType.MALFORMED_REQUEST, describe(ex));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Builds the problem detail of a type.
	 * @param type the problem type
	 * @param detail the explanation of this occurrence
	 * @return the problem detail
	 */
	public static ProblemDetail problem(ProblemType type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		return problem;
	}

	/**
	 * Whether Spring Security should answer it (401, 403), by name: this module does not
	 * depend on Spring Security.
	 */
	private static boolean isSecurityException(Throwable ex) {
		for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
			String name = type.getName();
			if (name.equals("org.springframework.security.access.AccessDeniedException")
					|| name.equals("org.springframework.security.core.AuthenticationException")) {
				return true;
			}
		}
		return false;
	}

	private static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = jacksonCause(ex);
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + unknown.getPropertyName() + "'.";
		}
		if (cause instanceof InvalidFormatException format) {
			String expected = format.getTargetType().isEnum()
					? "one of " + Arrays.toString(format.getTargetType().getEnumConstants())
					: "a value of type " + format.getTargetType().getSimpleName();
			return "Field '" + path(format) + "' has the invalid value '" + format.getValue() + "': expected "
					+ expected + ".";
		}
		if (cause instanceof MismatchedInputException mismatch) {
			return mismatch.getPath().isEmpty() ? "The request body must be a JSON object."
					: "Field '" + path(mismatch) + "' has a value of the wrong type or format.";
		}
		if (cause instanceof JacksonException) {
			return "The request body is not valid JSON.";
		}
		return "The request body is missing or unreadable.";
	}

	private static Throwable jacksonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException) {
				return cause;
			}
		}
		return ex;
	}

	private static String path(MismatchedInputException ex) {
		StringBuilder path = new StringBuilder();
		ex.getPath().forEach((reference) -> {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else {
				path.append('[').append(reference.getIndex()).append(']');
			}
		});
		return path.toString();
	}

}
