package care.vitals.ingest.api;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.ClinicalOwnership;
import care.vitals.ingest.clinical.Outcome;
import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.ingest.mqtt.RetainedPublisher;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.settings.PatientSettings;
import care.vitals.web.ProblemHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Verifies, through the MVC stack with the real controllers and recorder, that the admin
 * API answers with the shared error model: an interrupted write and a broker that did not
 * take a retained message are 503 with {@code Retry-After} (not 409), a patient not
 * admitted 409, bad input 400 with a clear detail, unknown things 404, a fault 500
 * without internals.
 */
class AdminApiErrorsTests {

	private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

	private static final Principal NURSE = () -> "nurse-1";

	private final ClinicalEngine engine = mock(ClinicalEngine.class);

	private final AssignmentHistory registry = mock(AssignmentHistory.class);

	private final BatchWriter writer = mock(BatchWriter.class);

	private final MessageChannel mqttOut = mock(MessageChannel.class);

	private final MockMvc mvc;

	AdminApiErrorsTests() {
		ClinicalOutput output = new ClinicalOutput(ClinicalOwnership.ALONE, (list) -> {
		});
		ClinicalRecorder recorder = new ClinicalRecorder(this.writer, output, Clock.fixed(NOW, ZoneOffset.UTC));
		this.mvc = MockMvcBuilders
			.standaloneSetup(new PatientController(this.engine, this.registry, recorder),
					new AssignmentController(this.registry, recorder, new RetainedPublisher(this.mqttOut),
							mock(SettingsPublisher.class), mock(ObservationsPublisher.class), java.time.Duration.ZERO),
					new AlarmController(this.engine, recorder, output,
							new org.springframework.beans.factory.support.StaticListableBeanFactory()
								.getBeanProvider(care.vitals.ingest.clinical.AckRelay.class)))
			.setControllerAdvice(new ProblemHandler())
			.build();
	}

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void interruptedWriteIsUnavailableNotConflict() throws Exception {
		admitted("p-1");
		given(this.engine.change(anyString(), any()))
			.willReturn(new ClinicalEngine.Change(PatientSettings.defaults("p-1", NOW), Outcome.none(NOW)));
		willThrow(new InterruptedException()).given(this.writer).submit(any());
		problem(put("/api/patients/p-1/spo2-scale").content("{\"scale\":2}"), 503, "unavailable")
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.detail").value(
					"The service is shutting down and did not store the activity record (settings); the change may already be in force: check the current state, then try again."));
	}

	@Test
	void brokerNotTakingTheAssignmentIsUnavailableAndNothingIsRecorded() throws Exception {
		given(this.registry.current("mon-1")).willReturn(Optional.empty());
		given(this.mqttOut.send(any())).willThrow(new MessageDeliveryException("Dispatcher has no subscribers"));
		problem(put("/api/assignments/mon-1").content("{\"patient\":\"p-1\",\"ward\":\"w-1\",\"bed\":\"b-1\"}"), 503,
				"unavailable")
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.detail").value(
					"The MQTT broker did not take the assignment of device mon-1; nothing was changed: check the current state and try again."));
		verify(this.writer, never()).submit(any());
	}

	@Test
	void brokerRefusingTheSendIsUnavailable() throws Exception {
		given(this.registry.current("mon-1")).willReturn(Optional.empty());
		given(this.mqttOut.send(any())).willReturn(false);
		problem(put("/api/assignments/mon-1").content("{\"patient\":\"p-1\",\"ward\":\"w-1\",\"bed\":\"b-1\"}"), 503,
				"unavailable");
	}

	@Test
	void patientNotAdmittedIsConflict() throws Exception {
		given(this.registry.location("p-9")).willReturn(Optional.empty());
		problem(post("/api/patients/p-9/observations").content("{\"oxygen\":true}"), 409, "conflict")
			.andExpect(jsonPath("$.detail").value("patient p-9 is not admitted"))
			.andExpect(header().doesNotExist("Retry-After"));
		problem(put("/api/patients/p-9/spo2-scale").content("{\"scale\":2}"), 409, "conflict");
	}

	@Test
	void badInputIsInvalidRequestWithAClearDetail() throws Exception {
		problem(put("/api/patients/p-1/spo2-scale").content("{\"scale\":3}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("scale must be 1 or 2"));
		problem(put("/api/patients/p-1/thresholds/nonsense").content("{\"low\":90}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("unknown parameter nonsense"));
		admitted("p-1");
		problem(post("/api/patients/p-1/observations").content("{\"consciousness\":\"X\"}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("consciousness must be one of A, C, V, P, U"));
		problem(post("/api/patients/p-1/observations").content("{}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("give consciousness, oxygen or a vital sign"));
		problem(put("/api/assignments/mon-1")
			.content("{\"patient\":\"p-1\",\"ward\":\"w-1\",\"bed\":\"b-1\",\"since\":\"2025-02-01T00:00:00Z\"}"), 400,
				"invalid-request")
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("since must lie between 24 h ago")));
		given(this.engine.rule("p-1", care.vitals.model.parameter.Parameter.SPO2))
			.willReturn(new care.vitals.model.alarm.ThresholdRule(care.vitals.model.parameter.Parameter.SPO2, 85.0,
					90.0, null, null, java.time.Duration.ofSeconds(15), 0, java.time.Duration.ZERO, true));
		problem(put("/api/patients/p-1/thresholds/spo2").content("{\"low\":150}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("spo2 low limit 150 lies outside the possible values 0-100 %"));
		problem(put("/api/patients/p-1/thresholds/spo2").content("{\"low\":80}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail").value("critical low limit 85.0 must not be above the low limit 80.0"));
		problem(put("/api/patients/p-1/thresholds/spo2").content("{\"delaySeconds\":600}"), 400, "invalid-request")
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.startsWith("delaySeconds must be between 0 and 120")));
		problem(put("/api/assignments/mon 1").content("{\"patient\":\"p-1\",\"ward\":\"w-1\",\"bed\":\"b-1\"}"), 400,
				"invalid-request");
		verify(this.mqttOut, never()).send(any());
	}

	@Test
	void malformedBodyIsMalformedRequest() throws Exception {
		problem(put("/api/patients/p-1/spo2-scale").content("{\"scale\":"), 400, "malformed-request");
	}

	@Test
	void unknownAlarmAndMissingScoreAreNotFound() throws Exception {
		given(this.engine.active()).willReturn(List.of());
		problem(post("/api/alarms/a-404/acknowledge"), 404, "not-found")
			.andExpect(jsonPath("$.detail").value("no active alarm a-404"));
		given(this.engine.news2("p-1")).willReturn(Optional.empty());
		problem(get("/api/patients/p-1/news2"), 404, "not-found")
			.andExpect(jsonPath("$.detail").value("no NEWS2 score for patient p-1"));
	}

	@Test
	void aFaultIsInternalErrorWithoutItsMessage() throws Exception {
		given(this.engine.news2("p-1")).willThrow(new IllegalStateException("window corrupted at index 3"));
		String body = problem(get("/api/patients/p-1/news2"), 500, "internal-error").andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("window corrupted", "IllegalStateException", "care.vitals.ingest");
	}

	private void admitted(String patient) {
		given(this.registry.location(patient)).willReturn(Optional.of(new Assignment(patient, "w-1", "b-1", NOW)));
	}

	private ResultActions problem(MockHttpServletRequestBuilder request, int status, String type) throws Exception {
		return this.mvc.perform(request.principal(NURSE).contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://vitals.care/problems/" + type))
			.andExpect(jsonPath("$.status").value(status));
	}

}
