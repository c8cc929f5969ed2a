package care.vitals.model.codec;

import java.time.Instant;
import java.util.List;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;

import static care.vitals.model.codec.Fixtures.DEVICE;
import static care.vitals.model.codec.Fixtures.JSON;
import static care.vitals.model.codec.Fixtures.NOW;
import static care.vitals.model.codec.Fixtures.decoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompactJsonDecodingTests {

	@Test
	void decodesTheContractExample() {
		List<Reading> readings = decoded("""
				{"ts":"2026-11-27T18:00:00.123Z","seq":4711,
				 "values":{"heart_rate":72,"spo2":97,"resp_rate":16,"temperature":36.8,
				           "systolic_bp":121,"diastolic_bp":79},
				 "o2":false,"consciousness":"A"}
				""", JSON);
		assertThat(readings).singleElement().satisfies((reading) -> {
			assertThat(reading.deviceId()).isEqualTo(DEVICE);
			assertThat(reading.timestamp()).isEqualTo(Instant.parse("2026-11-27T18:00:00.123Z"));
			assertThat(reading.sequence()).isEqualTo(4711L);
			assertThat(reading.values()).containsExactly(entry(Parameter.HEART_RATE, 72.0), entry(Parameter.SPO2, 97.0),
					entry(Parameter.RESP_RATE, 16.0), entry(Parameter.TEMPERATURE, 36.8),
					entry(Parameter.SYSTOLIC_BP, 121.0), entry(Parameter.DIASTOLIC_BP, 79.0));
			assertThat(reading.oxygen()).isFalse();
			assertThat(reading.consciousness()).isEqualTo(Consciousness.A);
		});
	}

	@Test
	void rejectsAMessageWithoutTsAsMissingDeviceTime() {
		// Verifies that the receive time never stands in for the device's time: a
		// redelivery would be stored again at its own receive time.
		for (Instant received : new Instant[] { NOW.minusSeconds(3), null }) {
			Rejection rejection = Fixtures.rejected(Fixtures.decoder()
				.decode(DEVICE, Fixtures.utf8("{\"seq\":7,\"values\":{\"heart_rate\":72}}"), JSON, received));
			assertThat(rejection.reason()).isEqualTo(RejectReason.MISSING_DEVICE_TIME);
			assertThat(rejection.detail()).contains("'ts' is required");
		}
	}

	@Test
	void givesAStructuralErrorItsOwnReasonBeforeTheMissingTime() {
		assertThat(Fixtures.reasonOf("{\"values\":{\"pulse\":72}}", JSON)).isEqualTo(RejectReason.UNKNOWN_PARAMETER);
		assertThat(Fixtures.reasonOf("{\"values\":{\"spo2\":150}}", JSON)).isEqualTo(RejectReason.MISSING_DEVICE_TIME);
	}

	@Test
	void acceptsEpochMillisecondsAndOffsets() {
		assertThat(decoded("{\"ts\":1795802399500,\"values\":{\"heart_rate\":72}}", JSON).get(0).timestamp())
			.isEqualTo(NOW.minusMillis(500));
		assertThat(decoded("{\"ts\":\"2026-11-27T19:00:00+01:00\",\"values\":{\"heart_rate\":72}}", JSON).get(0)
			.timestamp()).isEqualTo(NOW);
	}

	@Test
	void leavesOptionalFieldsNullWhenAbsentOrNull() {
		Reading reading = decoded("{\"values\":{\"heart_rate\":72},\"seq\":null,\"o2\":null,\"consciousness\":null}",
				JSON)
			.get(0);
		assertThat(reading.sequence()).isNull();
		assertThat(reading.oxygen()).isNull();
		assertThat(reading.consciousness()).isNull();
	}

	@Test
	void convertsNonDefaultUnits() {
		Reading reading = decoded("""
				{"values":{"temperature":98.6,"systolic_bp":16,"spo2":0.97,"glucose":5.5},
				 "units":{"temperature":"degF","systolic_bp":"kPa","spo2":"/","glucose":"mmol/L"}}
				""", JSON).get(0);
		assertThat(reading.value(Parameter.TEMPERATURE).getAsDouble()).isCloseTo(37.0, within(1e-9));
		assertThat(reading.value(Parameter.SYSTOLIC_BP).getAsDouble()).isCloseTo(120.01, within(0.01));
		assertThat(reading.value(Parameter.SPO2).getAsDouble()).isCloseTo(97.0, within(1e-9));
		assertThat(reading.value(Parameter.GLUCOSE).getAsDouble()).isCloseTo(99.088, within(1e-9));
	}

	@Test
	void ignoresUnknownTopLevelFieldsAndUnitsOfAbsentParameters() {
		Reading reading = decoded("""
				{"values":{"heart_rate":72},"units":{"temperature":"degF"},"firmware":"2.4.1","extra":{"a":[1]}}
				""", JSON).get(0);
		assertThat(reading.values()).containsOnlyKeys(Parameter.HEART_RATE);
	}

	@Test
	void acceptsCharsetParameterAndSniffsWithoutContentType() {
		assertThat(decoded("{\"values\":{\"heart_rate\":72}}", "Application/JSON; charset=utf-8")).hasSize(1);
		assertThat(decoded(" \n\t{\"values\":{\"heart_rate\":72}}", null)).hasSize(1);
		assertThat(decoded("{\"values\":{\"heart_rate\":72}}", "text/plain")).hasSize(1);
	}

	@Test
	void acceptsBoundaryValuesAndTimes() {
		assertThat(decoded("{\"values\":{\"spo2\":50,\"temperature\":44,\"heart_rate\":0}}", JSON)).hasSize(1);
		assertThat(decoded("{\"ts\":\"2026-11-27T18:05:00Z\",\"values\":{\"spo2\":100}}", JSON)).hasSize(1);
		assertThat(decoded("{\"ts\":\"2026-10-28T18:00:00Z\",\"values\":{\"spo2\":100}}", JSON)).hasSize(1);
	}

	private static java.util.Map.Entry<Parameter, Double> entry(Parameter parameter, double value) {
		return java.util.Map.entry(parameter, value);
	}

}
