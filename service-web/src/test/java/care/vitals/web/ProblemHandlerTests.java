package care.vitals.web;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Verifies that every kind of problem is answered once, the same way: status, stable
 * {@code type}, title and detail, {@code Retry-After} only where retrying helps, no
 * internals; that JDK exceptions are faults (500), never a status of their own; and that
 * Spring MVC's and Spring Security's own errors are left to them.
 */
class ProblemHandlerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new ProblemHandler())
		.build();

	@Test
	void invalidRequestIs400WithItsDetailAndFieldErrors() throws Exception {
		this.mvc.perform(get("/fail/invalid"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://vitals.care/problems/invalid-request"))
			.andExpect(jsonPath("$.title").value("Invalid request"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.detail").value("scale must be 1 or 2"))
			.andExpect(jsonPath("$.errors.scale").value("must be 1 or 2"))
			.andExpect(header().doesNotExist("Retry-After"));
	}

	@Test
	void notFoundIs404() throws Exception {
		expect("/fail/not-found", 404, "not-found", "Not found", "no active alarm a-1");
	}

	@Test
	void conflictIs409() throws Exception {
		expect("/fail/conflict", 409, "conflict", "Conflict", "patient p-1 is not admitted");
	}

	@Test
	void unavailableIs503WithRetryAfterAndWithoutItsCause() throws Exception {
		MvcResult result = expect("/fail/unavailable", 503, "unavailable", "Service unavailable",
				"the broker did not take it; try again");
		assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("7");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("secret-broker-host");
	}

	@Test
	void unavailableDefaultsToFiveSecondsRetryAfter() throws Exception {
		this.mvc.perform(get("/fail/unavailable-default"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"));
	}

	@Test
	void illegalStateIsAFaultNotAConflict() throws Exception {
		expect("/fail/illegal-state", 500, "internal-error", "Internal error",
				"The request failed unexpectedly; the log has the details.");
	}

	@Test
	void illegalArgumentFromDeepDownIsAFaultNotABadRequest() throws Exception {
		expect("/fail/illegal-argument", 500, "internal-error", "Internal error",
				"The request failed unexpectedly; the log has the details.");
	}

	@Test
	void validatingTurnsTheDomainsIllegalArgumentIntoInvalidRequest() throws Exception {
		expect("/fail/validating/-", 400, "invalid-request", "Invalid request", "id '-' is invalid");
	}

	@Test
	void malformedJsonIs400MalformedRequest() throws Exception {
		this.mvc.perform(post("/fail/body").contentType(MediaType.APPLICATION_JSON).content("{\"scale\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://vitals.care/problems/malformed-request"))
			.andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));
	}

	@Test
	void wrongFieldTypeNamesTheField() throws Exception {
		this.mvc.perform(post("/fail/body").contentType(MediaType.APPLICATION_JSON).content("{\"scale\":\"two\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("Field 'scale' has the invalid value 'two': expected a value of type int."));
	}

	@Test
	void springMvcErrorsKeepTheirStatusAsProblems() throws Exception {
		this.mvc.perform(post("/fail/not-found"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(405));
		this.mvc.perform(post("/fail/body").contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(415));
	}

	@Test
	void springSecurityExceptionsAreLeftToItsFilters() {
		assertThatException().isThrownBy(() -> this.mvc.perform(get("/fail/denied")))
			.withRootCauseInstanceOf(AccessDeniedException.class);
	}

	@Test
	void bodiesNameNoClassesAndHaveNoStackTraces() throws Exception {
		for (String path : new String[] { "invalid", "not-found", "conflict", "unavailable", "illegal-state",
				"illegal-argument" }) {
			String body = this.mvc.perform(get("/fail/" + path)).andReturn().getResponse().getContentAsString();
			assertThat(body).as(path)
				.doesNotContain("Exception", "care.vitals", "java.", "\tat ", "trace", "boom")
				.contains("\"type\":\"https://vitals.care/problems/");
		}
	}

	private MvcResult expect(String path, int status, String type, String title, String detail) throws Exception {
		return this.mvc.perform(get(path))
			.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://vitals.care/problems/" + type))
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.detail").value(detail))
			.andReturn();
	}

	@RestController
	static class Failing {

		@GetMapping("/fail/invalid")
		void invalid() {
			throw new InvalidRequest("scale must be 1 or 2", Map.of("scale", "must be 1 or 2"));
		}

		@GetMapping("/fail/not-found")
		void notFound() {
			throw new NotFound("no active alarm a-1");
		}

		@GetMapping("/fail/conflict")
		void conflict() {
			throw new Conflict("patient p-1 is not admitted");
		}

		@GetMapping("/fail/unavailable")
		void unavailable() {
			throw new Unavailable("the broker did not take it; try again", Duration.ofSeconds(7),
					new IllegalStateException("boom: secret-broker-host refused"));
		}

		@GetMapping("/fail/unavailable-default")
		void unavailableDefault() {
			throw new Unavailable("the broker did not take it; try again", null);
		}

		@GetMapping("/fail/illegal-state")
		void illegalState() {
			throw new IllegalStateException("boom: Interrupted while storing the activity record");
		}

		@GetMapping("/fail/illegal-argument")
		void illegalArgument() {
			throw new IllegalArgumentException("boom: revision must not be negative");
		}

		@GetMapping("/fail/validating/{id}")
		String validating(@PathVariable String id) {
			return InvalidRequest.validating(() -> {
				throw new IllegalArgumentException("id '" + id + "' is invalid");
			});
		}

		@PostMapping("/fail/body")
		Body body(@RequestBody Body body) {
			return body;
		}

		@GetMapping("/fail/denied")
		void denied() {
			throw new AccessDeniedException("no");
		}

	}

	record Body(int scale) {
	}

}
