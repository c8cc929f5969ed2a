package care.vitals.model.codec;

import java.time.Instant;
import java.util.Optional;

import care.vitals.model.assignment.Assignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static care.vitals.model.codec.Fixtures.failed;
import static care.vitals.model.codec.Fixtures.ok;
import static care.vitals.model.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class AssignmentCodecTests {

	private final AssignmentCodec codec = new AssignmentCodec(DecodeLimits.defaults());

	@Test
	void decodesTheContractExample() {
		Optional<Assignment> assignment = ok(this.codec.decode(utf8(
				"{\"patient\":\"p-1042\",\"ward\":\"ward-3\",\"bed\":\"12\",\"since\":\"2026-11-27T08:00:00Z\"}")));
		assertThat(assignment)
			.contains(new Assignment("p-1042", "ward-3", "12", Instant.parse("2026-11-27T08:00:00Z")));
	}

	@Test
	void decodesAnEmptyPayloadAsDischarged() {
		assertThat(ok(this.codec.decode(new byte[0]))).isEmpty();
		assertThat(ok(this.codec.decode(null))).isEmpty();
		assertThat(this.codec.encodeDischarge()).isEmpty();
	}

	@Test
	void acceptsOldSinceBecauseTheAssignmentIsRetained() {
		Assignment old = new Assignment("p-1", "w", "b", Instant.parse("2019-05-01T00:00:00Z"));
		assertThat(ok(this.codec.decode(this.codec.encode(old)))).contains(old);
	}

	@Test
	void roundTrips() {
		Assignment assignment = new Assignment("p-1042", "ward-3", "12", Instant.parse("2026-11-27T08:00:00.5Z"));
		assertThat(ok(this.codec.decode(this.codec.encode(assignment)))).contains(assignment);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			' '                                                                           | malformed_json
			{"patient":"p-1"                                                              | malformed_json
			"p-1"                                                                         | wrong_type
			{"patient":1042,"ward":"w","bed":"b","since":"2026-11-27T08:00:00Z"}          | wrong_type
			{"patient":"John Smith","ward":"w","bed":"b","since":"2026-11-27T08:00:00Z"}  | invalid_field
			{"patient":"unassigned","ward":"w","bed":"b","since":"2026-11-27T08:00:00Z"}  | invalid_field
			{"patient":"p-1","ward":"ward/3","bed":"b","since":"2026-11-27T08:00:00Z"}    | invalid_field
			{"patient":"p-1","ward":"w","bed":"b","since":"today"}                        | invalid_field
			{"patient":"p-1","ward":"w","bed":"b"}                                        | missing_value
			{"patient":"p-1","bed":"b","since":"2026-11-27T08:00:00Z"}                    | missing_value
			""")
	void rejectsBadAssignments(String payload, String reason) {
		assertThat(failed(this.codec.decode(utf8(payload))).reason().code()).isEqualTo(reason);
	}

}
