package care.vitals.ingest.api;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.ClinicalOwnership;
import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.ingest.mqtt.RetainedPublisher;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.model.assignment.Assignment;
import care.vitals.web.ProblemHandler;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Verifies that a bed holds one patient and a device one patient: a double booking is
 * refused (409) with what is in the way and what to do, and nothing is published; a
 * transfer of the same patient is accepted; a change this instance has just published
 * counts before its retained message has come back.
 */
class DoubleBookingTests {

	private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

	private static final Principal CHARGE = () -> "charge.ben";

	private final AssignmentHistory registry = new AssignmentHistory();

	private final MessageChannel mqttOut = mock(MessageChannel.class);

	private final MockMvc mvc;

	DoubleBookingTests() {
		ClinicalOutput output = new ClinicalOutput(ClinicalOwnership.ALONE, (list) -> {
		});
		ClinicalRecorder recorder = new ClinicalRecorder(mock(BatchWriter.class), output,
				Clock.fixed(NOW, ZoneOffset.UTC));
		this.mvc = MockMvcBuilders
			.standaloneSetup(new AssignmentController(this.registry, recorder, new RetainedPublisher(this.mqttOut),
					mock(SettingsPublisher.class), mock(ObservationsPublisher.class), java.time.Duration.ZERO))
			.setControllerAdvice(new ProblemHandler())
			.build();
		given(this.mqttOut.send(any())).willReturn(true);
		this.registry.assign("mon-1", new Assignment("p-1", "w-1", "1", NOW.minusSeconds(600)));
	}

	@Test
	void aDeviceInUseForAnotherPatientIsRefused() throws Exception {
		call(put("/api/assignments/mon-1"), "{\"patient\":\"p-2\",\"ward\":\"w-1\",\"bed\":\"2\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail")
				.value("Device mon-1 is in use for patient p-1 in bed w-1/1: discharge it from that patient first."));
		verify(this.mqttOut, never()).send(any());
	}

	@Test
	void aBedHoldingAnotherPatientIsRefused() throws Exception {
		call(put("/api/assignments/mon-2"), "{\"patient\":\"p-2\",\"ward\":\"w-1\",\"bed\":\"1\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail")
				.value("Bed w-1/1 holds patient p-1: discharge or transfer that patient first."));
		verify(this.mqttOut, never()).send(any());
	}

	@Test
	void severalDevicesAreCheckedBeforeAnyIsAssigned() throws Exception {
		call(put("/api/assignments"),
				"{\"patient\":\"p-2\",\"ward\":\"w-1\",\"bed\":\"2\",\"devices\":[\"ox-2\",\"mon-1\"]}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Device mon-1 is in use")));
		verify(this.mqttOut, never()).send(any());
		call(put("/api/assignments"), "{\"patient\":\"p-2\",\"ward\":\"w-1\",\"bed\":\"2\",\"devices\":[]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("pick at least one device"));
		call(put("/api/assignments"),
				"{\"patient\":\"p-2\",\"ward\":\"w-1\",\"bed\":\"2\",\"devices\":[\"ox-2\",\"mon-2\"]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ox-2.patient").value("p-2"))
			.andExpect(jsonPath("$.mon-2.bed").value("2"));
		verify(this.mqttOut, times(2)).send(any());
	}

	@Test
	void theSamePatientMovesToAnotherBedAndWhatWasJustPublishedCounts() throws Exception {
		call(put("/api/assignments"), "{\"patient\":\"p-1\",\"ward\":\"w-1\",\"bed\":\"3\",\"devices\":[\"mon-1\"]}")
			.andExpect(status().isOk());
		// the retained message has not come back yet: bed 3 holds p-1 all the same
		call(put("/api/assignments/mon-5"), "{\"patient\":\"p-5\",\"ward\":\"w-1\",\"bed\":\"3\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Bed w-1/3 holds patient p-1")));
		// and bed 1 is free
		call(put("/api/assignments/mon-5"), "{\"patient\":\"p-5\",\"ward\":\"w-1\",\"bed\":\"1\"}")
			.andExpect(status().isOk());
		clearInvocations(this.mqttOut);
		// a discharged device is free at once
		this.mvc.perform(delete("/api/assignments/mon-5").principal(CHARGE)).andExpect(status().isNoContent());
		call(put("/api/assignments/mon-5"), "{\"patient\":\"p-6\",\"ward\":\"w-1\",\"bed\":\"4\"}")
			.andExpect(status().isOk());
		verify(this.mqttOut, times(2)).send(any());
	}

	private ResultActions call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String body) throws Exception {
		return this.mvc.perform(request.principal(CHARGE).contentType(MediaType.APPLICATION_JSON).content(body));
	}

}
