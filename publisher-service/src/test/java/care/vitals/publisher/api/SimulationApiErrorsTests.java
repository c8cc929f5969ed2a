package care.vitals.publisher.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import care.vitals.publisher.simulation.InvalidRequestException;
import care.vitals.publisher.simulation.SimulationConflictException;
import care.vitals.publisher.simulation.SimulationNotFoundException;
import care.vitals.publisher.simulation.SimulationService;
import care.vitals.web.ProblemHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Verifies, through the MVC stack with the real controller, that the simulation API
 * answers with the shared error model: the service's own exceptions are 404, 409 and 400
 * (with field errors), an {@code IllegalStateException} is a fault (500, no internals),
 * never a conflict.
 */
class SimulationApiErrorsTests {

	private final SimulationService service = mock(SimulationService.class);

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SimulationController(this.service))
		.setControllerAdvice(new ProblemHandler())
		.build();

	@Test
	void unknownSimulationIsNotFound() throws Exception {
		given(this.service.get("nope")).willThrow(new SimulationNotFoundException("No simulation with id 'nope'."));
		problem(get("/api/simulations/nope"), 404, "not-found")
			.andExpect(jsonPath("$.detail").value("No simulation with id 'nope'."));
	}

	@Test
	void alreadyInTheAskedStateIsConflict() throws Exception {
		given(this.service.stop("a")).willThrow(new SimulationConflictException("Simulation 'a' is already stopped."));
		problem(delete("/api/simulations/a"), 409, "conflict")
			.andExpect(jsonPath("$.detail").value("Simulation 'a' is already stopped."));
	}

	@Test
	void invalidRequestNamesTheFields() throws Exception {
		given(this.service.change(any(), any())).willThrow(
				new InvalidRequestException("The rate is too high for realistic mode.", Map.of("rate", "at most 10")));
		problem(patch("/api/simulations/a").content("{\"rate\":100}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("The rate is too high for realistic mode."))
			.andExpect(jsonPath("$.errors.rate").value("at most 10"));
		problem(post("/api/simulations/a/devices/d-1/outage").content("{\"duration\":\"PT2H\"}"), 400,
				"invalid-request")
			.andExpect(jsonPath("$.errors.duration").value("must be between PT1S and PT1H"));
	}

	@Test
	void malformedBodyIsMalformedRequest() throws Exception {
		problem(post("/api/simulations").content("{\"patients\":"), 400, "malformed-request")
			.andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));
	}

	@Test
	void illegalStateIsAFaultNotAConflict() throws Exception {
		given(this.service.admit(any(), anyInt())).willThrow(new IllegalStateException("not a patient sensor: ROBOT"));
		String body = problem(post("/api/simulations/a/patients/0/admit"), 500, "internal-error").andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("ROBOT", "IllegalStateException", "care.vitals");
	}

	private ResultActions problem(MockHttpServletRequestBuilder request, int status, String type) throws Exception {
		return this.mvc.perform(request.contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://vitals.care/problems/" + type))
			.andExpect(jsonPath("$.status").value(status));
	}

}
