package care.vitals.model.rejection;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class RejectReasonTests {

	@Test
	void hasTheStableCodesOfTheContract() {
		assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code)).containsExactly("malformed_json",
				"wrong_type", "invalid_field", "unknown_parameter", "unsupported_unit", "implausible_value",
				"timestamp_out_of_bounds", "payload_too_large", "too_many_records", "missing_value",
				"invalid_device_id", "invalid_senml", "invalid_topic", "missing_device_time", "retained_message",
				"unknown_event_kind");
	}

	@ParameterizedTest
	@EnumSource(RejectReason.class)
	void codeIsLowerSnakeCaseAndLooksUpItsReason(RejectReason reason) {
		assertThat(reason.code()).matches("[a-z]+(_[a-z]+)*");
		assertThat(reason.code()).isEqualTo(reason.name().toLowerCase());
		assertThat(RejectReason.byCode(reason.code())).contains(reason);
		assertThat(reason).hasToString(reason.code());
	}

	@Test
	void doesNotLookUpUnknownCodes() {
		assertThat(RejectReason.byCode("MALFORMED_JSON")).isEmpty();
		assertThat(RejectReason.byCode(null)).isEmpty();
	}

}
