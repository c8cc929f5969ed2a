package care.vitals.model.codec;

import java.time.Clock;
import java.time.Duration;

import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static care.vitals.model.codec.Fixtures.SENML;
import static care.vitals.model.codec.Fixtures.onlyRejectedValue;
import static care.vitals.model.codec.Fixtures.reasonOf;
import static care.vitals.model.codec.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One or more tests per rejection reason for SenML: structural faults reject the whole
 * pack, impossible values and unsupported units only their record.
 */
class SenmlRejectionTests {

	@ParameterizedTest
	@ValueSource(strings = { "[{\"n\":\"heart_rate\",\"v\":72}", "[{\"n\":\"heart_rate\",\"v\":NaN}]",
			"[{\"n\":\"heart_rate\",\"v\":72,\"v\":73}]", "[{\"n\":\"heart_rate\",\"v\":72}] x", "[", "]",
			"[{\"n\":\"heart_rate\",\"v\":72},]" })
	void rejectsMalformedJson(String payload) {
		assertThat(reasonOf(payload, SENML)).isEqualTo(RejectReason.MALFORMED_JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[{\"n\":\"heart_rate\",\"v\":\"72\"}]", "[{\"n\":\"heart_rate\",\"vs\":\"72\"}]",
			"[{\"n\":\"heart_rate\",\"vb\":true}]", "[{\"n\":\"heart_rate\",\"vd\":\"AQI\"}]",
			"[{\"n\":\"o2\",\"v\":1}]", "[{\"n\":\"o2\",\"vb\":\"true\"}]", "[{\"n\":\"consciousness\",\"v\":1}]",
			"[{\"n\":\"consciousness\",\"vs\":true}]", "[{\"n\":1,\"v\":72}]",
			"[{\"bn\":[],\"n\":\"heart_rate\",\"v\":72}]", "[{\"bt\":\"now\",\"n\":\"heart_rate\",\"v\":72}]",
			"[{\"n\":\"heart_rate\",\"t\":\"0\",\"v\":72}]", "[{\"n\":\"heart_rate\",\"u\":1,\"v\":72}]",
			"[{\"n\":\"heart_rate\",\"v\":72,\"s\":\"x\"}]", "[{\"n\":\"heart_rate\",\"v\":72,\"ut\":\"x\"}]",
			"[{\"bv\":\"1\",\"n\":\"heart_rate\",\"v\":72}]" })
	void rejectsWrongTypes(String payload) {
		assertThat(reasonOf(payload, SENML)).isEqualTo(RejectReason.WRONG_TYPE);
	}

	@Test
	void rejectsInvalidConsciousnessLevel() {
		assertThat(reasonOf("[{\"n\":\"consciousness\",\"vs\":\"Q\"}]", SENML)).isEqualTo(RejectReason.INVALID_FIELD);
	}

	@Test
	void rejectsUnknownParameters() {
		Rejection rejection = rejected(
				"[{\"bn\":\"urn:dev:mon-7:\",\"n\":\"heart_rate\",\"v\":72},{\"n\":\"pulse\",\"v\":72}]", SENML);
		assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_PARAMETER);
		assertThat(rejection.detail()).isEqualTo("record 2: unknown parameter 'pulse'");
		assertThat(reasonOf("[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"%RH\",\"v\":20}]", SENML))
			.isEqualTo(RejectReason.UNKNOWN_PARAMETER);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[{\"n\":\"temperature\",\"u\":\"F\",\"v\":98.6}]",
			"[{\"bu\":\"V\",\"n\":\"heart_rate\",\"v\":72}]", "[{\"n\":\"spo2\",\"u\":\"%RH\",\"v\":97}]",
			"[{\"n\":\"systolic_bp\",\"u\":\"mmhg\",\"v\":120}]" })
	void rejectsUnsupportedUnitsOneRecordAtATime(String payload) {
		Decoded decoded = Fixtures.partly(payload, SENML);
		assertThat(decoded.readings()).isEmpty();
		assertThat(decoded.rejectedValues()).singleElement()
			.satisfies(
					(rejected) -> assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.UNSUPPORTED_UNIT));
	}

	@Test
	void rejectsImpossibleValuesAfterBaseValueAndConversionOneRecordAtATime() {
		RejectedValue rejected = onlyRejectedValue("[{\"n\":\"spo2\",\"v\":150}]", SENML);
		assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.IMPLAUSIBLE_VALUE);
		assertThat(rejected.rejection().detail())
			.isEqualTo("record 1: parameter 'spo2' value 150.0 % outside plausible range 0-100");
		assertThat(rejected.sent()).isEqualTo("150.0 %");
		assertThat(onlyRejectedValue("[{\"bv\":90,\"n\":\"spo2\",\"v\":20}]", SENML).sent()).isEqualTo("110.0 %");
		assertThat(onlyRejectedValue("[{\"n\":\"temperature\",\"u\":\"K\",\"v\":373.15}]", SENML).rejection().reason())
			.isEqualTo(RejectReason.IMPLAUSIBLE_VALUE);
		assertThat(onlyRejectedValue("[{\"n\":\"heart_rate\",\"v\":1e999}]", SENML).rejection().reason())
			.isEqualTo(RejectReason.IMPLAUSIBLE_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[{\"n\":\"heart_rate\",\"t\":1e9,\"v\":72}]",
			"[{\"n\":\"heart_rate\",\"t\":301,\"v\":72}]", "[{\"n\":\"heart_rate\",\"t\":-2592001,\"v\":72}]",
			"[{\"bt\":1e999,\"n\":\"heart_rate\",\"v\":72}]",
			"[{\"bt\":1e999,\"n\":\"heart_rate\",\"t\":-1e999,\"v\":72}]",
			"[{\"n\":\"heart_rate\",\"t\":1e300,\"v\":72}]" })
	void rejectsTimesOutsideTheWindow(String payload) {
		assertThat(reasonOf(payload, SENML)).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_BOUNDS);
	}

	@Test
	void rejectsPayloadsOverTheLimit() {
		MeasurementDecoder small = new MeasurementDecoder(
				new DecodeLimits(100, 1000, 8, Duration.ofMinutes(5), Duration.ofDays(30)), Fixtures.CLOCK);
		String pack = "[" + "{\"n\":\"heart_rate\",\"v\":72},".repeat(5) + "{\"n\":\"spo2\",\"v\":97}]";
		assertThat(rejected(small.decode("mon-7", Fixtures.utf8(pack), SENML, null)).reason())
			.isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
	}

	@Test
	void rejectsPacksWithMoreRecordsThanTheLimit() {
		String record = "{\"n\":\"heart_rate\",\"t\":-1,\"v\":72}";
		String tooMany = "[" + String.join(",", java.util.Collections.nCopies(1001, record)) + "]";
		Rejection rejection = rejected(tooMany, SENML);
		assertThat(rejection.reason()).isEqualTo(RejectReason.TOO_MANY_RECORDS);
		assertThat(rejection.detail()).isEqualTo("the SenML pack has 1001 records, the limit is 1000");
	}

	@Test
	void acceptsExactlyTheRecordLimit() {
		StringBuilder pack = new StringBuilder("[");
		for (int i = 0; i < 1000; i++) {
			pack.append((i > 0) ? "," : "").append("{\"n\":\"heart_rate\",\"t\":-").append(i).append(",\"v\":72}");
		}
		assertThat(Fixtures.decoded(pack.append("]").toString(), SENML)).hasSize(1000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "[{\"n\":\"heart_rate\"}]", "[{\"n\":\"heart_rate\",\"v\":null}]",
			"[{\"n\":\"o2\"}]", "[{\"n\":\"consciousness\",\"vs\":null}]" })
	void rejectsMissingValues(String payload) {
		assertThat(reasonOf(payload, SENML)).isEqualTo(RejectReason.MISSING_VALUE);
	}

	@Test
	void rejectsInvalidDeviceIds() {
		DecodeResult result = new MeasurementDecoder(DecodeLimits.defaults(), Clock.systemUTC()).decode("a,b",
				Fixtures.utf8("[{\"n\":\"heart_rate\",\"v\":72}]"), SENML, null);
		assertThat(rejected(result).reason()).isEqualTo(RejectReason.INVALID_DEVICE_ID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[{\"n\":\"heart_rate\",\"v\":72,\"foo_\":1}]",
			"[{\"bn\":\"urn:dev:mon-7:\",\"bt_\":1,\"n\":\"heart_rate\",\"v\":72}]",
			"[{\"n\":\"heart_rate\",\"v\":72,\"vs\":\"72\"}]", "[{\"n\":\"heart_rate\",\"v\":72,\"vb\":true}]",
			"[{\"n\":\"o2\",\"vb\":true,\"vd\":\"AQ\"}]", "[{\"v\":72}]", "[{\"n\":\"\",\"v\":72}]",
			"[{\"bn\":\"urn:dev:mon-7:\",\"v\":72}]", "[{\"n\":\"heart rate\",\"v\":72}]",
			"[{\"n\":\"-heart_rate\",\"v\":72}]", "[{\"n\":\"heart_rate\",\"s\":72}]",
			"[{\"bver\":11,\"n\":\"heart_rate\",\"v\":72}]", "[{\"bver\":1.5,\"n\":\"heart_rate\",\"v\":72}]",
			"[{\"n\":\"heart_rate\",\"v\":72},{\"n\":\"heart_rate\",\"v\":73}]",
			"[{\"n\":\"o2\",\"vb\":true},{\"n\":\"o2\",\"vb\":false}]", "[72]", "[[{\"n\":\"heart_rate\",\"v\":72}]]",
			"{\"n\":\"heart_rate\",\"v\":72}" })
	void rejectsInvalidSenml(String payload) {
		assertThat(reasonOf(payload, SENML)).isEqualTo(RejectReason.INVALID_SENML);
	}

	@Test
	void explainsMustUnderstandRejection() {
		assertThat(rejected("[{\"n\":\"heart_rate\",\"v\":72,\"foo_\":1}]", SENML).detail())
			.isEqualTo("record 1: field 'foo_' ends in '_' (must-understand extension, not supported)");
	}

}
