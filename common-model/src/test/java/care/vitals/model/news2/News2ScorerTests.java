package care.vitals.model.news2;

import java.time.Instant;

import care.vitals.model.reading.Consciousness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies every band boundary of the RCP 2017 chart, on both sides, and the rounding
 * rule.
 */
class News2ScorerTests {

	private static final Instant AT = Instant.parse("2026-11-27T18:00:00Z");

	@ParameterizedTest(name = "resp rate {0} scores {1}")
	@CsvSource({ "0, 3", "8, 3", "9, 1", "11, 1", "12, 0", "20, 0", "21, 2", "24, 2", "25, 3", "60, 3",
			// rounding half-up to an integer
			"8.49, 3", "8.5, 1", "11.49, 1", "11.5, 0", "20.49, 0", "20.5, 2", "24.49, 2", "24.5, 3" })
	void scoresRespirationRate(double value, int expected) {
		assertThat(News2Scorer.respRate(value)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "SpO2 {0} on scale 1 scores {1}")
	@CsvSource({ "50, 3", "91, 3", "92, 2", "93, 2", "94, 1", "95, 1", "96, 0", "100, 0",
			// rounding: 95.5 -> 96 -> 0
			"91.49, 3", "91.5, 2", "93.49, 2", "93.5, 1", "95.49, 1", "95.5, 0" })
	void scoresSpo2OnScale1WhateverTheOxygen(double value, int expected) {
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_1, false)).isEqualTo(expected);
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_1, true)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "SpO2 {0} on scale 2 scores {1} on air, {2} on oxygen")
	@CsvSource({ "50, 3, 3", "83, 3, 3", "84, 2, 2", "85, 2, 2", "86, 1, 1", "87, 1, 1", "88, 0, 0", "92, 0, 0",
			"93, 0, 1", "94, 0, 1", "95, 0, 2", "96, 0, 2", "97, 0, 3", "100, 0, 3",
			// rounding
			"83.5, 2, 2", "87.49, 1, 1", "87.5, 0, 0", "92.49, 0, 0", "92.5, 0, 1", "94.5, 0, 2", "96.5, 0, 3" })
	void scoresSpo2OnScale2(double value, int onAir, int onOxygen) {
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_2, false)).isEqualTo(onAir);
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_2, true)).isEqualTo(onOxygen);
	}

	@Test
	void scoresOxygenTwoAndAirZero() {
		assertThat(News2Scorer.airOrOxygen(true)).isEqualTo(2);
		assertThat(News2Scorer.airOrOxygen(false)).isZero();
	}

	@ParameterizedTest(name = "systolic {0} scores {1}")
	@CsvSource({ "0, 3", "90, 3", "91, 2", "100, 2", "101, 1", "110, 1", "111, 0", "219, 0", "220, 3", "300, 3",
			"90.49, 3", "90.5, 2", "100.49, 2", "100.5, 1", "110.5, 0", "219.49, 0", "219.5, 3" })
	void scoresSystolicPressure(double value, int expected) {
		assertThat(News2Scorer.systolicBp(value)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "pulse {0} scores {1}")
	@CsvSource({ "0, 3", "40, 3", "41, 1", "50, 1", "51, 0", "90, 0", "91, 1", "110, 1", "111, 2", "130, 2", "131, 3",
			"300, 3",
			// rounding: 90.5 -> 91 -> 1, 110.5 -> 111 -> 2
			"40.49, 3", "40.5, 1", "50.49, 1", "50.5, 0", "90.49, 0", "90.5, 1", "110.49, 1", "110.5, 2", "130.49, 2",
			"130.5, 3" })
	void scoresPulse(double value, int expected) {
		assertThat(News2Scorer.heartRate(value)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "consciousness {0} scores {1}")
	@CsvSource({ "A, 0", "C, 3", "V, 3", "P, 3", "U, 3" })
	void scoresConsciousness(Consciousness level, int expected) {
		assertThat(News2Scorer.consciousness(level)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "temperature {0} scores {1}")
	@CsvSource({ "32, 3", "35.0, 3", "35.1, 1", "36.0, 1", "36.1, 0", "38.0, 0", "38.1, 1", "39.0, 1", "39.1, 2",
			"44, 2",
			// rounding to one decimal, half-up on the decimal form
			"35.04, 3", "35.05, 1", "36.04, 1", "36.05, 0", "38.04, 0", "38.05, 1", "39.04, 1", "39.05, 2", "35.049, 3",
			"38.0499, 0" })
	void scoresTemperature(double value, int expected) {
		assertThat(News2Scorer.temperature(value)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} rounds to {1}")
	@CsvSource({ "95.5, 96", "90.5, 91", "110.5, 111", "95.49, 95", "0.5, 1", "72, 72", "99.999, 100" })
	void roundsHalfUpToIntegers(double value, long expected) {
		assertThat(News2Scorer.roundToInteger(value)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} °C rounds to {1}")
	@CsvSource({ "35.05, 35.1", "38.05, 38.1", "35.04, 35.0", "36.95, 37.0", "37.25, 37.3", "36.8, 36.8" })
	void roundsTemperatureHalfUpToOneDecimal(double value, double expected) {
		assertThat(News2Scorer.roundTemperature(value)).isEqualTo(expected);
	}

	@Test
	void rejectsNonFiniteValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> News2Scorer.heartRate(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> News2Scorer.temperature(Double.POSITIVE_INFINITY));
	}

	@ParameterizedTest(name = "total {0}, single 3 {1}: {2}")
	@CsvSource({ "0, false, LOW", "1, false, LOW", "4, false, LOW", "5, false, MEDIUM", "6, false, MEDIUM",
			"7, false, HIGH", "20, true, HIGH", "3, true, LOW_MEDIUM", "4, true, LOW_MEDIUM", "5, true, MEDIUM",
			"6, true, MEDIUM", "7, true, HIGH" })
	void bandsTheRisk(int total, boolean singleThree, News2Risk expected) {
		assertThat(News2Scorer.risk(total, singleThree)).isEqualTo(expected);
	}

	@Test
	void rejectsImpossibleTotals() {
		assertThatIllegalArgumentException().isThrownBy(() -> News2Scorer.risk(-1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> News2Scorer.risk(21, true));
	}

	@ParameterizedTest(name = "{0} is coded {1}")
	@CsvSource({ "LOW, low", "LOW_MEDIUM, low-medium", "MEDIUM, medium", "HIGH, high" })
	void codesRisks(News2Risk risk, String code) {
		assertThat(risk.code()).isEqualTo(code);
		assertThat(News2Risk.fromCode(code)).contains(risk);
		assertThat(risk.response()).isNotBlank();
	}

	@Test
	void scoresAHealthyPatientZeroWithRoutineResponse() {
		News2Score score = News2Scorer.score(inputs(16, 97, false, 120, 70, Consciousness.A, 36.8), SpO2Scale.SCALE_1,
				AT);
		assertThat(score.total()).isZero();
		assertThat(score.risk()).isEqualTo(News2Risk.LOW);
		assertThat(score.response()).isEqualTo(ClinicalResponse.ROUTINE);
		assertThat(score.response().observationInterval()).hasHours(12);
		assertThat(score.partial()).isFalse();
		assertThat(score.subScores()).hasSize(7).containsOnlyKeys(News2Parameter.values());
		assertThat(score.at()).isEqualTo(AT);
	}

	@Test
	void scoresASingleThreeWithTotalThreeAsLowMedium() {
		News2Score score = News2Scorer.score(inputs(16, 97, false, 120, 70, Consciousness.C, 36.8), SpO2Scale.SCALE_1,
				AT);
		assertThat(score.total()).isEqualTo(3);
		assertThat(score.singleParameterThree()).isTrue();
		assertThat(score.risk()).isEqualTo(News2Risk.LOW_MEDIUM);
		assertThat(score.response()).isEqualTo(ClinicalResponse.URGENT_WARD_RESPONSE);
	}

	@Test
	void scoresASingleThreeWithTotalFiveAsMedium() {
		News2Score score = News2Scorer.score(inputs(16, 97, false, 120, 115, Consciousness.C, 36.8), SpO2Scale.SCALE_1,
				AT);
		assertThat(score.total()).isEqualTo(5);
		assertThat(score.risk()).isEqualTo(News2Risk.MEDIUM);
		assertThat(score.response()).isEqualTo(ClinicalResponse.URGENT_RESPONSE);
	}

	@Test
	void scoresOneToFourAsLowWithNurseAssessment() {
		News2Score score = News2Scorer.score(inputs(22, 97, false, 120, 95, Consciousness.A, 36.8), SpO2Scale.SCALE_1,
				AT);
		assertThat(score.total()).isEqualTo(3);
		assertThat(score.risk()).isEqualTo(News2Risk.LOW);
		assertThat(score.response()).isEqualTo(ClinicalResponse.WARD_ASSESSMENT);
	}

	@Test
	void scoresSevenAsHighWithEmergencyResponse() {
		News2Score score = News2Scorer.score(inputs(22, 93, true, 120, 95, Consciousness.A, 36.8), SpO2Scale.SCALE_1,
				AT);
		assertThat(score.subScores()).containsEntry(News2Parameter.RESP_RATE, 2)
			.containsEntry(News2Parameter.SPO2, 2)
			.containsEntry(News2Parameter.AIR_OR_OXYGEN, 2)
			.containsEntry(News2Parameter.HEART_RATE, 1);
		assertThat(score.total()).isEqualTo(7);
		assertThat(score.risk()).isEqualTo(News2Risk.HIGH);
		assertThat(score.response()).isEqualTo(ClinicalResponse.EMERGENCY_RESPONSE);
		assertThat(score.response().observationInterval()).isZero();
	}

	@Test
	void reachesTheMaximumOfTwenty() {
		News2Score score = News2Scorer.score(inputs(30, 80, true, 80, 150, Consciousness.U, 34), SpO2Scale.SCALE_1, AT);
		assertThat(score.total()).isEqualTo(News2Scorer.MAX_TOTAL).isEqualTo(20);
	}

	@Test
	void usesScale2OnlyWhenAsked() {
		News2Inputs hypercapnic = inputs(16, 89, false, 120, 70, Consciousness.A, 36.8);
		assertThat(News2Scorer.score(hypercapnic, SpO2Scale.SCALE_1, AT).total()).isEqualTo(3);
		News2Score onScale2 = News2Scorer.score(hypercapnic, SpO2Scale.SCALE_2, AT);
		assertThat(onScale2.total()).isZero();
		assertThat(onScale2.scale()).isEqualTo(SpO2Scale.SCALE_2);
	}

	@Test
	void scoresMissingValuesAsPartial() {
		News2Score score = News2Scorer.score(new News2Inputs(26.0, 97.0, null, null, 70.0, Consciousness.A, null),
				SpO2Scale.SCALE_1, AT);
		assertThat(score.partial()).isTrue();
		assertThat(score.missing()).containsExactly(News2Parameter.AIR_OR_OXYGEN, News2Parameter.SYSTOLIC_BP,
				News2Parameter.TEMPERATURE);
		assertThat(score.stale()).isEmpty();
		assertThat(score.total()).isEqualTo(3);
		assertThat(score.subScore(News2Parameter.SYSTOLIC_BP)).isEmpty();
		assertThat(score.subScore(News2Parameter.RESP_RATE)).hasValue(3);
	}

	@Test
	void scoresScale2OnUnknownOxygenAsOnAirAndPartial() {
		News2Score score = News2Scorer.score(new News2Inputs(16.0, 97.0, null, 120.0, 70.0, Consciousness.A, 36.8),
				SpO2Scale.SCALE_2, AT);
		assertThat(score.subScore(News2Parameter.SPO2)).hasValue(0);
		assertThat(score.missing()).containsExactly(News2Parameter.AIR_OR_OXYGEN);
		assertThat(score.partial()).isTrue();
	}

	@Test
	void scoresNothingAsPartialZero() {
		News2Score score = News2Scorer.score(News2Inputs.none(), SpO2Scale.SCALE_1, AT);
		assertThat(score.total()).isZero();
		assertThat(score.missing()).containsExactly(News2Parameter.values());
	}

	@ParameterizedTest
	@EnumSource(News2Parameter.class)
	void namesEveryParameter(News2Parameter parameter) {
		assertThat(parameter.code()).matches("[a-z0-9_]+");
		assertThat(parameter.toString()).isEqualTo(parameter.code());
	}

	static News2Inputs inputs(double rr, double spo2, boolean oxygen, double sbp, double hr, Consciousness level,
			double temperature) {
		return new News2Inputs(rr, spo2, oxygen, sbp, hr, level, temperature);
	}

}
