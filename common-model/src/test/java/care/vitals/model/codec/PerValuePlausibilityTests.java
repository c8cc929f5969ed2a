package care.vitals.model.codec;

import java.time.Instant;
import java.util.List;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static care.vitals.model.codec.Fixtures.JSON;
import static care.vitals.model.codec.Fixtures.SENML;
import static care.vitals.model.codec.Fixtures.onlyRejectedValue;
import static care.vitals.model.codec.Fixtures.partly;
import static care.vitals.model.codec.Fixtures.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * Plausibility is per value ("never silence the real thing"): a value inside its
 * parameter's possible range is a patient and always kept, an impossible value or one
 * with an unsupported unit is rejected alone and the rest of the message is kept, and
 * structural faults still reject the whole message. Every behaviour is checked for
 * compact JSON and SenML.
 */
class PerValuePlausibilityTests {

	private static final Instant T = Instant.parse("2026-11-27T17:59:00Z");

	/** {@link #T} in SenML seconds. */
	private static final long T_SECONDS = T.getEpochSecond();

	@Test
	void decodesAProfoundDesaturationFullyInCompactJson() {
		List<Reading> readings = Fixtures.decoded("{\"values\":{\"spo2\":45,\"heart_rate\":135,\"resp_rate\":30}}",
				JSON);
		assertThat(readings).singleElement()
			.satisfies((reading) -> assertThat(reading.values()).containsExactly(entry(Parameter.SPO2, 45.0),
					entry(Parameter.HEART_RATE, 135.0), entry(Parameter.RESP_RATE, 30.0)));
	}

	@Test
	void decodesAProfoundDesaturationFullyInSenml() {
		List<Reading> readings = Fixtures.decoded(
				"[{\"n\":\"spo2\",\"u\":\"%\",\"v\":45},{\"n\":\"heart_rate\",\"v\":135},{\"n\":\"resp_rate\",\"v\":30}]",
				SENML);
		assertThat(readings).singleElement()
			.satisfies((reading) -> assertThat(reading.values()).containsExactly(entry(Parameter.SPO2, 45.0),
					entry(Parameter.HEART_RATE, 135.0), entry(Parameter.RESP_RATE, 30.0)));
	}

	@Test
	void keepsTheHeartRateWhenSpo2IsImpossibleInCompactJson() {
		Decoded decoded = partly("{\"ts\":\"2026-11-27T17:59:00Z\",\"values\":{\"spo2\":150,\"heart_rate\":72}}", JSON);
		assertThat(decoded.readings()).singleElement().satisfies((reading) -> {
			assertThat(reading.values()).containsExactly(entry(Parameter.HEART_RATE, 72.0));
			assertThat(reading.timestamp()).isEqualTo(T);
		});
		assertThat(decoded.rejectedValues()).containsExactly(
				new RejectedValue(Parameter.SPO2, "150.0 %", T, new Rejection(RejectReason.IMPLAUSIBLE_VALUE,
						"parameter 'spo2' value 150.0 % outside plausible range 0-100")));
	}

	@Test
	void keepsTheHeartRateWhenSpo2IsImpossibleInSenml() {
		Decoded decoded = partly("[{\"bt\":" + T_SECONDS + ",\"n\":\"spo2\",\"u\":\"%\",\"v\":150},"
				+ "{\"n\":\"heart_rate\",\"v\":72}]", SENML);
		assertThat(decoded.readings()).singleElement().satisfies((reading) -> {
			assertThat(reading.values()).containsExactly(entry(Parameter.HEART_RATE, 72.0));
			assertThat(reading.timestamp()).isEqualTo(T);
		});
		assertThat(decoded.rejectedValues()).containsExactly(
				new RejectedValue(Parameter.SPO2, "150.0 %", T, new Rejection(RejectReason.IMPLAUSIBLE_VALUE,
						"record 1: parameter 'spo2' value 150.0 % outside plausible range 0-100")));
	}

	@Test
	void timesEachRejectedSenmlValueWithItsOwnRecord() {
		Decoded decoded = partly("[{\"bt\":" + T_SECONDS + ",\"n\":\"heart_rate\",\"v\":72},"
				+ "{\"n\":\"heart_rate\",\"t\":30,\"v\":400},{\"n\":\"heart_rate\",\"t\":60,\"v\":74}]", SENML);
		assertThat(decoded.readings()).extracting(Reading::timestamp).containsExactly(T, T.plusSeconds(60));
		assertThat(decoded.rejectedValues()).singleElement().satisfies((rejected) -> {
			assertThat(rejected.timestamp()).isEqualTo(T.plusSeconds(30));
			assertThat(rejected.sent()).isEqualTo("400.0 /min");
			assertThat(rejected.rejection().detail())
				.isEqualTo("record 2: parameter 'heart_rate' value 400.0 /min outside plausible range 0-350");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"values":{"temperature":77},"units":{"temperature":"degF"}}  | application/json
			[{"n":"temperature","u":"degF","v":77}]                          | application/senml+json
			""")
	void acceptsTheLowestPossibleTemperatureAfterConversion(String payload, String contentType) {
		assertThat(Fixtures.decoded(payload, contentType)).singleElement()
			.satisfies((reading) -> assertThat(reading.value(Parameter.TEMPERATURE).getAsDouble()).isCloseTo(25.0,
					within(1e-9)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"values":{"temperature":76,"heart_rate":60},"units":{"temperature":"degF"}}  | application/json | ''
					[{"n":"temperature","u":"degF","v":76},{"n":"heart_rate","v":60}]                | application/senml+json | 'record 1: '
					""")
	void rejectsATemperatureJustBelowThePossibleRangeAfterConversionAlone(String payload, String contentType,
			String context) {
		Decoded decoded = partly(payload, contentType);
		assertThat(decoded.readings()).singleElement()
			.satisfies((reading) -> assertThat(reading.values()).containsOnlyKeys(Parameter.HEART_RATE));
		assertThat(decoded.rejectedValues()).singleElement().satisfies((rejected) -> {
			assertThat(rejected.parameter()).isEqualTo(Parameter.TEMPERATURE);
			assertThat(rejected.sent()).isEqualTo("76.0 degF");
			assertThat(rejected.rejection()).isEqualTo(new Rejection(RejectReason.IMPLAUSIBLE_VALUE,
					context + "parameter 'temperature' value 24.444444 Cel (76.0 degF) outside plausible range 25-46"));
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"values":{"spo2":150,"heart_rate":-5,"temperature":60}}                                      | application/json
					[{"n":"spo2","v":150},{"n":"heart_rate","v":-5},{"n":"temperature","v":60}]                     | application/senml+json
					""")
	void yieldsNoReadingButOnlyRejectedValuesWhenEveryValueIsImpossibleAndNoFlagIsSent(String payload,
			String contentType) {
		Decoded decoded = partly(payload, contentType);
		assertThat(decoded.readings()).isEmpty();
		assertThat(decoded.rejectedValues()).extracting(RejectedValue::parameter)
			.containsExactly(Parameter.SPO2, Parameter.HEART_RATE, Parameter.TEMPERATURE);
		assertThat(decoded.rejectedValues()).allSatisfy((rejected) -> {
			assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.IMPLAUSIBLE_VALUE);
			assertThat(rejected.timestamp()).isEqualTo(Fixtures.NOW);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"values":{"spo2":150},"consciousness":"V"}          | application/json
			[{"n":"spo2","v":150},{"n":"consciousness","vs":"V"}]  | application/senml+json
			""")
	void keepsAReadingWithTheFlagOnlyWhenEveryValueIsImpossible(String payload, String contentType) {
		Decoded decoded = partly(payload, contentType);
		assertThat(decoded.readings()).singleElement().satisfies((reading) -> {
			assertThat(reading.values()).isEmpty();
			assertThat(reading.consciousness()).isEqualTo(Consciousness.V);
		});
		assertThat(decoded.rejectedValues()).extracting(RejectedValue::parameter).containsExactly(Parameter.SPO2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"values":{"spo2":150},"o2":true}          | application/json
			[{"n":"o2","vb":true},{"n":"spo2","v":150}]  | application/senml+json
			""")
	void keepsTheOxygenFlagWhenEveryValueIsImpossible(String payload, String contentType) {
		assertThat(partly(payload, contentType).readings()).singleElement().satisfies((reading) -> {
			assertThat(reading.values()).isEmpty();
			assertThat(reading.oxygen()).isTrue();
		});
	}

	@Test
	void dropsOnlyTheSenmlTimeWhoseValuesWereAllImpossible() {
		Decoded decoded = partly("[{\"bt\":" + T_SECONDS + ",\"n\":\"spo2\",\"v\":97},"
				+ "{\"n\":\"spo2\",\"t\":10,\"v\":101},{\"n\":\"spo2\",\"t\":20,\"v\":95}]", SENML);
		assertThat(decoded.readings()).extracting(Reading::timestamp).containsExactly(T, T.plusSeconds(20));
		assertThat(decoded.rejectedValues()).extracting(RejectedValue::timestamp).containsExactly(T.plusSeconds(10));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"values":{"heart_rate":72,"systolic_bp":120},"units":{"systolic_bp":"mmhg"}}  | application/json
			[{"n":"heart_rate","v":72},{"n":"systolic_bp","u":"mmhg","v":120}]                | application/senml+json
			""")
	void rejectsAnUnsupportedUnitAsThatValueAlone(String payload, String contentType) {
		Decoded decoded = partly(payload, contentType);
		assertThat(decoded.readings()).singleElement()
			.satisfies((reading) -> assertThat(reading.values()).containsOnlyKeys(Parameter.HEART_RATE));
		assertThat(decoded.rejectedValues()).singleElement().satisfies((rejected) -> {
			assertThat(rejected.parameter()).isEqualTo(Parameter.SYSTOLIC_BP);
			assertThat(rejected.sent()).isEqualTo("120.0 mmhg");
			assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.UNSUPPORTED_UNIT);
			assertThat(rejected.rejection().detail())
				.endsWith("unit 'mmhg' is not accepted for parameter 'systolic_bp' (accepted: mm[Hg], mmHg, Pa, kPa)");
		});
	}

	@Test
	void boundsTheSentValueLikeAnEcho() {
		String unit = "u".repeat(10_000) + "\n";
		RejectedValue rejected = onlyRejectedValue("{\"values\":{\"heart_rate\":72,\"spo2\":97},\"units\":{\"spo2\":\""
				+ unit.replace("\n", "\\n") + "\"}}", JSON);
		assertThat(rejected.sent()).startsWith("97.0 uuu")
			.endsWith("…")
			.hasSize(Rejection.MAX_ECHO_LENGTH + 1)
			.doesNotContain("\n");
		assertThat(rejected.rejection().detail()).hasSizeLessThanOrEqualTo(Rejection.MAX_DETAIL_LENGTH + 1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"values":{"spo2":150,"pulse":72}}                                  | application/json       | unknown_parameter
					{"values":{"spo2":150,"heart_rate":"72"}}                           | application/json       | wrong_type
					{"values":{"spo2":150,"heart_rate":null}}                           | application/json       | missing_value
					{"values":{"spo2":150},"seq":-1}                                    | application/json       | invalid_field
					{"values":{"spo2":150},"ts":"2026-11-27T18:05:00.001Z"}             | application/json       | timestamp_out_of_bounds
					{"values":{"spo2":150}                                              | application/json       | malformed_json
					[{"n":"spo2","v":150},{"n":"pulse","v":72}]                          | application/senml+json | unknown_parameter
					[{"n":"spo2","v":150},{"n":"heart_rate","vs":"72"}]                  | application/senml+json | wrong_type
					[{"n":"spo2","v":150},{"n":"heart_rate"}]                            | application/senml+json | missing_value
					[{"n":"spo2","v":150},{"n":"spo2","v":97}]                           | application/senml+json | invalid_senml
					[{"n":"spo2","v":97},{"n":"spo2","v":150}]                           | application/senml+json | invalid_senml
					[{"n":"spo2","v":150},{"n":"spo2","v":160}]                          | application/senml+json | invalid_senml
					[{"n":"spo2","v":150},{"n":"heart_rate","t":301,"v":72}]             | application/senml+json | timestamp_out_of_bounds
					""")
	void stillRejectsTheWholeMessageForStructuralFaultsNextToAnImpossibleValue(String payload, String contentType,
			String reason) {
		assertThat(reasonOf(payload, contentType)).isEqualTo(RejectReason.byCode(reason).orElseThrow());
	}

	@Test
	void stillRejectsTheWholeMessageForTooManyRecordsOrAnInvalidDeviceId() {
		String record = "{\"n\":\"spo2\",\"t\":-1,\"v\":150}";
		String tooMany = "[" + String.join(",", java.util.Collections.nCopies(1001, record)) + "]";
		assertThat(reasonOf(tooMany, SENML)).isEqualTo(RejectReason.TOO_MANY_RECORDS);
		DecodeResult result = Fixtures.decoder()
			.decode("mon 7", Fixtures.utf8("{\"values\":{\"spo2\":150}}"), JSON, Fixtures.NOW);
		assertThat(Fixtures.rejected(result).reason()).isEqualTo(RejectReason.INVALID_DEVICE_ID);
	}

}
