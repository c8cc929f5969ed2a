package care.vitals.publisher.api;

import java.net.URI;
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

import care.vitals.publisher.simulation.InvalidRequestException;
import care.vitals.publisher.simulation.SimulationConflictException;
import care.vitals.publisher.simulation.SimulationNotFoundException;

/**
 * Turns every error into an RFC 9457 problem detail: 400 for malformed JSON and invalid
 * fields (with an {@code errors} object naming each field), 404 for unknown ids, 409 for
 * conflicts. Spring MVC's own exceptions (wrong method, media type, path variable type)
 * keep their status, also as problem details.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	private static final String TYPE_BASE = "https://vitals.care/problems/";

	@ExceptionHandler(SimulationNotFoundException.class)
	ProblemDetail notFound(SimulationNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(SimulationConflictException.class)
	ProblemDetail conflict(SimulationConflictException ex) {
		return problem(HttpStatus.CONFLICT, "conflict", "Conflict", ex.getMessage());
	}

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalid(InvalidRequestException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		logger.error("unexpected error in the API", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request failed unexpectedly; the log has the details.");
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
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has invalid fields.");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", describe(ex));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
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

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

}
