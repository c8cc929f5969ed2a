package care.vitals.model.codec;

import java.time.Instant;
import java.util.List;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;

import static care.vitals.model.codec.Fixtures.JSON;
import static care.vitals.model.codec.Fixtures.NOW;
import static care.vitals.model.codec.Fixtures.SENML;
import static care.vitals.model.codec.Fixtures.decoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SenmlDecodingTests {

	@Test
	void takesTheParameterFromTheLastSegmentAfterColonOrSlash() {
		List<Reading> readings = decoded("""
				[{"n":"urn:dev:mon-7:heart_rate","v":72},
				 {"n":"urn:dev:ow:10e2073a01080063/spo2","v":97},
				 {"n":"resp_rate","v":16}]
				""", SENML);
		assertThat(readings).singleElement()
			.satisfies((reading) -> assertThat(reading.values().keySet()).containsExactly(Parameter.HEART_RATE,
					Parameter.SPO2, Parameter.RESP_RATE));
	}

	@Test
	void rejectsTimesRelativeToNowAsMissingDeviceTime() {
		// Verifies that RFC 8428's relative times (below 2^28 s, "now" = receive time)
		// are refused: a redelivery would be stored again at its own receive time.
		for (String pack : new String[] { "[{\"bn\":\"urn:dev:mon-7:\",\"n\":\"heart_rate\",\"t\":-10,\"v\":70}]",
				"[{\"n\":\"heart_rate\",\"v\":72}]",
				"[{\"bt\":1795802399,\"n\":\"heart_rate\",\"v\":70},{\"bt\":0,\"n\":\"spo2\",\"v\":97}]" }) {
			Rejection rejection = Fixtures.rejected(pack, SENML);
			assertThat(rejection.reason()).as(pack).isEqualTo(RejectReason.MISSING_DEVICE_TIME);
			assertThat(rejection.detail()).contains("relative");
		}
	}

	@Test
	void resolvesTimesRelativeToAnAbsoluteBaseTime() {
		List<Reading> readings = decoded("""
				[{"bn":"urn:dev:mon-7:","bt":1795802400,"n":"heart_rate","t":-10,"v":70},
				 {"n":"heart_rate","t":-0.5,"v":71},
				 {"n":"heart_rate","v":72}]
				""", SENML);
		assertThat(readings).extracting(Reading::timestamp)
			.containsExactly(NOW.minusSeconds(10), NOW.minusMillis(500), NOW);
	}

	@Test
	void resolvesLargeTimesAsEpochSeconds() {
		List<Reading> readings = decoded("[{\"n\":\"heart_rate\",\"t\":1795802399.25,\"v\":70}]", SENML);
		assertThat(readings.get(0).timestamp()).isEqualTo(NOW.minusMillis(750));
	}

	@Test
	void treatsTimeJustBelowTwoToThe28AsRelativeAndRefusesIt() {
		DecodeResult result = new MeasurementDecoder(
				new DecodeLimits(65_536, 1_000, 8, java.time.Duration.ofDays(36_500), java.time.Duration.ofDays(30)),
				Fixtures.CLOCK)
			.decode(Fixtures.DEVICE, Fixtures.utf8("[{\"n\":\"heart_rate\",\"t\":268435455,\"v\":70}]"), SENML, NOW);
		assertThat(Fixtures.rejected(result).reason()).isEqualTo(RejectReason.MISSING_DEVICE_TIME);
	}

	@Test
	void addsBaseValueToValueAndUsesItAlone() {
		List<Reading> readings = decoded("""
				[{"bn":"urn:dev:mon-7:","bv":36,"n":"temperature","v":0.8},
				 {"n":"temperature","t":-60},
				 {"n":"temperature","t":-120,"v":1.2}]
				""", SENML);
		assertThat(readings).extracting((reading) -> reading.value(Parameter.TEMPERATURE).getAsDouble())
			.satisfiesExactly((value) -> assertThat(value).isCloseTo(36.8, within(1e-9)),
					(value) -> assertThat(value).isEqualTo(36.0),
					(value) -> assertThat(value).isCloseTo(37.2, within(1e-9)));
	}

	@Test
	void appliesBaseUnitUntilOverridden() {
		Reading reading = decoded("""
				[{"bn":"urn:dev:mon-7:","bu":"kPa","n":"systolic_bp","v":16},
				 {"n":"diastolic_bp","v":10.66576},
				 {"n":"mean_bp","u":"mmHg","v":93},
				 {"bu":"mm[Hg]","n":"mean_bp","t":-1,"v":94}]
				""", SENML).get(0);
		assertThat(reading.value(Parameter.SYSTOLIC_BP).getAsDouble()).isCloseTo(120.01, within(0.01));
		assertThat(reading.value(Parameter.DIASTOLIC_BP).getAsDouble()).isCloseTo(80.0, within(1e-9));
		assertThat(reading.value(Parameter.MEAN_BP)).hasValue(93.0);
	}

	@Test
	void readsPercentAsPercentAndSlashAsRatio() {
		List<Reading> readings = decoded("""
				[{"n":"spo2","u":"%","v":97},{"n":"spo2","u":"/","t":-1,"v":0.96}]
				""", SENML);
		assertThat(readings.get(0).value(Parameter.SPO2)).hasValue(97.0);
		assertThat(readings.get(1).value(Parameter.SPO2).getAsDouble()).isCloseTo(96.0, within(1e-9));
	}

	@Test
	void setsOxygenAndConsciousnessFlags() {
		Reading reading = decoded("""
				[{"bn":"urn:dev:mon-7:","n":"resp_rate","v":22},
				 {"n":"o2","vb":true},
				 {"n":"consciousness","vs":"V"}]
				""", SENML).get(0);
		assertThat(reading.oxygen()).isTrue();
		assertThat(reading.consciousness()).isEqualTo(Consciousness.V);
	}

	@Test
	void ignoresUnknownFieldsSumsNextToValuesAndUpdateTime() {
		List<Reading> readings = decoded("""
				[{"bn":"urn:dev:mon-7:","bver":10,"bs":0,"n":"heart_rate","v":72,"s":100,"ut":5,"colour":"red"}]
				""", SENML);
		assertThat(readings.get(0).values()).containsOnlyKeys(Parameter.HEART_RATE);
	}

	@Test
	void routesArraysToSenmlEvenWithPlainJsonContentType() {
		assertThat(decoded("[{\"n\":\"heart_rate\",\"v\":72}]", JSON)).hasSize(1);
		assertThat(decoded("  [{\"n\":\"heart_rate\",\"v\":72}]", null)).hasSize(1);
	}

}
