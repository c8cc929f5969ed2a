package care.vitals.ingest.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import care.vitals.ingest.patient.Attribution;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinesTests {

	private static final Instant TS = Instant.parse("2026-11-27T18:00:00.123Z");

	@Test
	void writesAReadingWithItsPatientContext() {
		Map<Parameter, Double> values = new LinkedHashMap<>();
		values.put(Parameter.HEART_RATE, 72.0);
		values.put(Parameter.TEMPERATURE, 36.8);
		Reading reading = new Reading("mon-7", TS, 4711L, values, false, Consciousness.A);
		String line = Lines.vitals(reading, new Attribution.Assigned(new Assignment("p-1042", "ward-3", "12", TS)));
		assertThat(line).isEqualTo("vitals,bed=12,device=mon-7,patient=p-1042,ward=ward-3 "
				+ "consciousness=\"A\",heart_rate=72.0,o2=false,seq=4711i,temperature=36.8 1795802400123000000");
	}

	@Test
	void marksReadingsOfUnassignedDevices() {
		Reading reading = Reading.of("mon-7", TS, Map.of(Parameter.SPO2, 97.0));
		assertThat(Lines.vitals(reading, Attribution.Unassigned.BEFORE_KNOWN_ASSIGNMENT))
			.startsWith("vitals,device=mon-7,patient=unassigned spo2=97.0,unassigned=\"before_known_assignment\" ");
	}

	@Test
	void keepsFreeTextInsideOneEscapedStringField() {
		DeviceEvent event = new DeviceEvent("mon-7", "error", TS, Map.of("message", "a,b=c d\"e\nf\\g"));
		String line = Lines.event(event, Attribution.Unassigned.NEVER_ASSIGNED);
		assertThat(line).doesNotContain("\n");
		assertThat(line).contains("message=\"a,b=c d\\\"e\\\\nf\\\\g\"");
	}

	@Test
	void recordsADeadLetterWithoutEverCreatingTagsFromThePayload() {
		String line = RejectedLines.line("malformed_json", null, "devices/x/measurements", "bad",
				"{\"a\":1}\nvitals,device=evil x=1".getBytes(StandardCharsets.UTF_8), TS);
		assertThat(line).startsWith("rejected,device=invalid,reason=malformed_json ");
		assertThat(line).doesNotContain("\n");
	}

}
