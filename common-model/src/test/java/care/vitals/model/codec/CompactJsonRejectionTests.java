package care.vitals.model.codec;

import java.time.Instant;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static care.vitals.model.codec.Fixtures.JSON;
import static care.vitals.model.codec.Fixtures.onlyRejectedValue;
import static care.vitals.model.codec.Fixtures.reasonOf;
import static care.vitals.model.codec.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * One or more tests per rejection reason for the compact JSON format: structural faults
 * reject the whole message, impossible values and unsupported units only that value.
 */
class CompactJsonRejectionTests {

	@ParameterizedTest
	@ValueSource(strings = { "{\"values\":{\"heart_rate\":72}", "{\"values\":{\"heart_rate\":NaN}}",
			"{\"values\":{\"heart_rate\":Infinity}}", "{\"values\":{\"heart_rate\":-Infinity}}",
			"{\"values\":{\"heart_rate\":72},\"values\":{\"heart_rate\":73}}", "{\"values\":{\"spo2\":97,\"spo2\":98}}",
			"{\"values\":{\"heart_rate\":72}} trailing", "{\"values\":{\"heart_rate\":72}}{}",
			"{'values':{'heart_rate':72}}", "{values:{heart_rate:72}}", "{\"values\":{\"heart_rate\":072}}",
			"{\"values\":{\"heart_rate\":72,}}", "{\"values\":{\"heart_rate\":72}} // comment", "", "   \n", "hello",
			"\u00ef\u00bb\u00bf{}" })
	void rejectsMalformedJson(String payload) {
		assertThat(reasonOf(payload, JSON)).isEqualTo(RejectReason.MALFORMED_JSON);
	}

	@Test
	void rejectsNestingDeeperThanTheLimit() {
		String deep = "{\"x\":" + "[".repeat(8) + "]".repeat(8) + ",\"values\":{\"heart_rate\":72}}";
		Rejection rejection = rejected(deep, JSON);
		assertThat(rejection.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
		assertThat(rejection.detail()).contains("nesting depth");
		String allowed = "{\"x\":" + "[".repeat(7) + "]".repeat(7) + ",\"values\":{\"heart_rate\":72}}";
		assertThat(Fixtures.decoded(allowed, JSON)).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"values\":{\"heart_rate\":\"72\"}}", "{\"values\":{\"heart_rate\":true}}",
			"{\"values\":{\"heart_rate\":[72]}}", "{\"values\":{\"heart_rate\":{\"v\":72}}}", "{\"values\":[72]}",
			"{\"values\":\"heart_rate=72\"}", "{\"values\":{\"heart_rate\":72},\"o2\":\"yes\"}",
			"{\"values\":{\"heart_rate\":72},\"o2\":1}", "{\"values\":{\"heart_rate\":72},\"consciousness\":1}",
			"{\"values\":{\"heart_rate\":72},\"seq\":\"4711\"}", "{\"values\":{\"heart_rate\":72},\"ts\":true}",
			"{\"values\":{\"heart_rate\":72},\"units\":[\"degF\"]}",
			"{\"values\":{\"temperature\":98.6},\"units\":{\"temperature\":1}}" })
	void rejectsWrongTypes(String payload) {
		assertThat(reasonOf(payload, JSON)).isEqualTo(RejectReason.WRONG_TYPE);
	}

	@Test
	void namesTheFieldWithTheWrongType() {
		assertThat(rejected("{\"values\":{\"heart_rate\":\"72\"}}", JSON).detail())
			.isEqualTo("field 'values.heart_rate' must be a number, got string");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"values\":{\"heart_rate\":72},\"consciousness\":\"X\"}",
			"{\"values\":{\"heart_rate\":72},\"consciousness\":\"a\"}",
			"{\"values\":{\"heart_rate\":72},\"ts\":\"yesterday\"}",
			"{\"values\":{\"heart_rate\":72},\"ts\":\"2026-11-27 18:00:00\"}",
			"{\"values\":{\"heart_rate\":72},\"ts\":1.7958024E12}", "{\"values\":{\"heart_rate\":72},\"seq\":-1}",
			"{\"values\":{\"heart_rate\":72},\"seq\":1.5}",
			"{\"values\":{\"heart_rate\":72},\"seq\":99999999999999999999}" })
	void rejectsInvalidFieldValues(String payload) {
		assertThat(reasonOf(payload, JSON)).isEqualTo(RejectReason.INVALID_FIELD);
	}

	@Test
	void rejectsUnknownParameters() {
		Rejection rejection = rejected("{\"values\":{\"heart_rate\":72,\"blood_type\":1}}", JSON);
		assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_PARAMETER);
		assertThat(rejection.detail()).isEqualTo("unknown parameter 'blood_type'");
		assertThat(reasonOf("{\"values\":{\"HEART_RATE\":72}}", JSON)).isEqualTo(RejectReason.UNKNOWN_PARAMETER);
		assertThat(reasonOf("{\"values\":{\"heart_rate\":72},\"units\":{\"pulse\":\"/min\"}}", JSON))
			.isEqualTo(RejectReason.UNKNOWN_PARAMETER);
	}

	@Test
	void rejectsAnUnsupportedUnitAsThatValueAlone() {
		Decoded decoded = Fixtures
			.partly("{\"values\":{\"temperature\":98.6,\"heart_rate\":72},\"units\":{\"temperature\":\"F\"}}", JSON);
		assertThat(decoded.readings()).singleElement()
			.satisfies((reading) -> assertThat(reading.values()).containsOnlyKeys(Parameter.HEART_RATE));
		RejectedValue rejected = decoded.rejectedValues().get(0);
		assertThat(decoded.rejectedValues()).hasSize(1);
		assertThat(rejected.parameter()).isEqualTo(Parameter.TEMPERATURE);
		assertThat(rejected.sent()).isEqualTo("98.6 F");
		assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.UNSUPPORTED_UNIT);
		assertThat(rejected.rejection().detail())
			.isEqualTo("unit 'F' is not accepted for parameter 'temperature' (accepted: Cel, K, degF, [degF])");
		assertThat(
				onlyRejectedValue("{\"values\":{\"spo2\":97},\"units\":{\"spo2\":\"%EL\"}}", JSON).rejection().reason())
			.isEqualTo(RejectReason.UNSUPPORTED_UNIT);
	}

	@Test
	void rejectsAnImpossibleValueAloneWithAPreciseDetail() {
		Decoded decoded = Fixtures.partly(
				"{\"ts\":\"2026-11-27T17:59:00Z\",\"seq\":9," + "\"values\":{\"heart_rate\":72,\"spo2\":150}}", JSON);
		assertThat(decoded.readings()).singleElement().satisfies((reading) -> {
			assertThat(reading.values()).containsExactly(entry(Parameter.HEART_RATE, 72.0));
			assertThat(reading.sequence()).isEqualTo(9L);
		});
		assertThat(decoded.rejectedValues()).containsExactly(new RejectedValue(Parameter.SPO2, "150.0 %",
				Instant.parse("2026-11-27T17:59:00Z"), new Rejection(RejectReason.IMPLAUSIBLE_VALUE,
						"parameter 'spo2' value 150.0 % outside plausible range 0-100")));
	}

	@Test
	void timesARejectedValueWithTheMessagesTimestamp() {
		assertThat(
				onlyRejectedValue("{\"ts\":\"2026-11-27T17:59:00Z\",\"values\":{\"heart_rate\":72,\"spo2\":150}}", JSON)
					.timestamp())
			.isEqualTo(Fixtures.NOW.minusSeconds(60));
	}

	@Test
	void checksPlausibilityAfterUnitConversion() {
		RejectedValue rejected = onlyRejectedValue(
				"{\"values\":{\"temperature\":122},\"units\":{\"temperature\":\"degF\"}}", JSON);
		assertThat(rejected.sent()).isEqualTo("122.0 degF");
		assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.IMPLAUSIBLE_VALUE);
		assertThat(rejected.rejection().detail())
			.isEqualTo("parameter 'temperature' value 50.0 Cel (122.0 degF) outside plausible range 25-46");
		assertThat(
				onlyRejectedValue("{\"values\":{\"spo2\":1.2},\"units\":{\"spo2\":\"/\"}}", JSON).rejection().reason())
			.isEqualTo(RejectReason.IMPLAUSIBLE_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"values\":{\"spo2\":-0.1}}", "{\"values\":{\"spo2\":100.1}}",
			"{\"values\":{\"temperature\":24.9}}", "{\"values\":{\"temperature\":46.1}}",
			"{\"values\":{\"heart_rate\":-1}}", "{\"values\":{\"heart_rate\":350.1}}",
			"{\"values\":{\"resp_rate\":-0.1}}", "{\"values\":{\"resp_rate\":100.1}}",
			"{\"values\":{\"systolic_bp\":-1}}", "{\"values\":{\"systolic_bp\":300.1}}",
			"{\"values\":{\"diastolic_bp\":-1}}", "{\"values\":{\"diastolic_bp\":250.1}}",
			"{\"values\":{\"mean_bp\":-1}}", "{\"values\":{\"mean_bp\":250.1}}", "{\"values\":{\"glucose\":-1}}",
			"{\"values\":{\"glucose\":2000.1}}", "{\"values\":{\"battery\":101}}",
			"{\"values\":{\"heart_rate\":1e999}}", "{\"values\":{\"heart_rate\":-1e999}}",
			"{\"values\":{\"robot_task\":1.5}}", "{\"values\":{\"position_area\":65536}}" })
	void rejectsValuesJustOutsideThePossibleRangeAndNonFiniteNumbersOneByOne(String payload) {
		Decoded decoded = Fixtures.partly(payload, JSON);
		assertThat(decoded.readings()).isEmpty();
		assertThat(decoded.rejectedValues()).singleElement()
			.satisfies(
					(rejected) -> assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.IMPLAUSIBLE_VALUE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"values\":{\"spo2\":0}}", "{\"values\":{\"spo2\":100}}",
			"{\"values\":{\"temperature\":25}}", "{\"values\":{\"temperature\":46}}", "{\"values\":{\"heart_rate\":0}}",
			"{\"values\":{\"heart_rate\":350}}", "{\"values\":{\"resp_rate\":0}}", "{\"values\":{\"resp_rate\":100}}",
			"{\"values\":{\"systolic_bp\":0}}", "{\"values\":{\"systolic_bp\":300}}",
			"{\"values\":{\"diastolic_bp\":0}}", "{\"values\":{\"diastolic_bp\":250}}", "{\"values\":{\"mean_bp\":0}}",
			"{\"values\":{\"mean_bp\":250}}", "{\"values\":{\"glucose\":0}}", "{\"values\":{\"glucose\":2000}}" })
	void acceptsValuesAtBothEndsOfThePossibleRange(String payload) {
		assertThat(Fixtures.decoded(payload, JSON)).singleElement()
			.satisfies((reading) -> assertThat(reading.values()).hasSize(1));
	}

	@Test
	void rejectsHugeIntegersAsImplausibleValues() {
		RejectedValue rejected = onlyRejectedValue("{\"values\":{\"heart_rate\":1" + "0".repeat(400) + "}}", JSON);
		assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.IMPLAUSIBLE_VALUE);
		assertThat(rejected.rejection().detail()).isEqualTo("parameter 'heart_rate' value is not a finite number");
		assertThat(rejected.sent()).isEqualTo("Infinity");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"ts\":\"2026-11-27T18:05:00.001Z\",\"values\":{\"heart_rate\":72}}",
			"{\"ts\":\"2026-10-28T17:59:59.999Z\",\"values\":{\"heart_rate\":72}}",
			"{\"ts\":1795802400,\"values\":{\"heart_rate\":72}}",
			"{\"ts\":\"+999999999-12-31T23:59:59Z\",\"values\":{\"heart_rate\":72}}",
			"{\"ts\":99999999999999999999999,\"values\":{\"heart_rate\":72}}" })
	void rejectsTimestampsOutsideTheWindow(String payload) {
		assertThat(reasonOf(payload, JSON)).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_BOUNDS);
	}

	@Test
	void rejectsPayloadsOverTheLimitBeforeParsing() {
		String oversized = "x".repeat(65_537);
		Rejection rejection = rejected(oversized, JSON);
		assertThat(rejection.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
		assertThat(rejection.detail()).isEqualTo("payload of 65537 bytes exceeds the limit of 65536 bytes");
		String padded = "{\"values\":{\"heart_rate\":72}}";
		assertThat(Fixtures.decoded(padded + " ".repeat(65_536 - padded.length()), JSON)).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"values\":null}", "{\"values\":{}}", "{\"values\":{\"heart_rate\":null}}",
			"{\"ts\":\"2026-11-27T18:00:00Z\",\"heart_rate\":72}" })
	void rejectsMissingValues(String payload) {
		assertThat(reasonOf(payload, JSON)).isEqualTo(RejectReason.MISSING_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "mon 7", "mon/7", "mon+7", "mon#7", "ü" })
	void rejectsInvalidDeviceIds(String deviceId) {
		DecodeResult result = Fixtures.decoder()
			.decode(deviceId, Fixtures.utf8("{\"values\":{\"heart_rate\":72}}"), JSON, Fixtures.NOW);
		assertThat(rejected(result).reason()).isEqualTo(RejectReason.INVALID_DEVICE_ID);
	}

	@Test
	void rejectsNullDeviceIdAndNullPayloadWithoutThrowing() {
		assertThat(rejected(Fixtures.decoder().decode(null, Fixtures.utf8("{}"), JSON, null)).reason())
			.isEqualTo(RejectReason.INVALID_DEVICE_ID);
		assertThat(rejected(Fixtures.decoder().decode("mon-7", null, null, null)).reason())
			.isEqualTo(RejectReason.MALFORMED_JSON);
	}

	@Test
	void rejectsTheWholeMessageIfOnePartIsStructurallyBad() {
		assertThat(reasonOf("{\"values\":{\"heart_rate\":72,\"spo2\":97,\"temperature\":36.8,\"pulse\":99}}", JSON))
			.isEqualTo(RejectReason.UNKNOWN_PARAMETER);
		assertThat(reasonOf("{\"values\":{\"heart_rate\":72,\"spo2\":150,\"resp_rate\":null}}", JSON))
			.isEqualTo(RejectReason.MISSING_VALUE);
		assertThat(reasonOf("{\"values\":{\"spo2\":150},\"consciousness\":\"X\"}", JSON))
			.isEqualTo(RejectReason.INVALID_FIELD);
		assertThat(reasonOf("{\"ts\":\"2026-11-27T18:05:00.001Z\",\"values\":{\"spo2\":150}}", JSON))
			.isEqualTo(RejectReason.TIMESTAMP_OUT_OF_BOUNDS);
	}

	@Test
	void neverEchoesUnboundedInput() {
		String longName = "p".repeat(10_000);
		Rejection rejection = rejected("{\"values\":{\"" + longName + "\":1}}", JSON);
		assertThat(rejection.detail()).hasSizeLessThan(100);
		Rejection syntax = rejected("{\"values\":{\"heart_rate\":" + "x".repeat(10_000) + "}}", JSON);
		assertThat(syntax.detail()).hasSizeLessThanOrEqualTo(Rejection.MAX_DETAIL_LENGTH + 1);
	}

}
