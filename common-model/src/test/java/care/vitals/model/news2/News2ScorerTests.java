package care.vitals.model.news2;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import care.vitals.model.reading.Consciousness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Verifies every band boundary of the RCP 2017 chart, on both sides, and that a value
 * between two cells scores the worse of the two.
 */
class News2ScorerTests {

	private static final Instant AT = Instant.parse("2026-11-27T18:00:00Z");

	/**
	 * Verifies the cells of the chart and, around every boundary, the values on both
	 * sides of it: each cell, values within the resolution of a cell (they are that
	 * cell), and values between the two cells (they score the worse of the two).
	 */
	@ParameterizedTest(name = "resp rate {0} scores {1}")
	@MethodSource
	void scoresRespirationRate(double value, int expected) {
		assertThat(News2Scorer.respRate(value)).isEqualTo(expected);
	}

	static Stream<Arguments> scoresRespirationRate() {
		return Stream.concat(Stream.of(arguments(0, 3), arguments(16, 0), arguments(60, 3)),
				aroundBoundaries(WHOLE, 8, 3, 1, 11, 1, 0, 20, 0, 2, 24, 2, 3));
	}

	@ParameterizedTest(name = "SpO2 {0} on scale 1 scores {1}, on air or oxygen")
	@MethodSource
	void scoresSpo2OnScale1WhateverTheOxygen(double value, int expected) {
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_1, false)).isEqualTo(expected);
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_1, true)).isEqualTo(expected);
	}

	static Stream<Arguments> scoresSpo2OnScale1WhateverTheOxygen() {
		return Stream.concat(Stream.of(arguments(50, 3), arguments(100, 0)),
				aroundBoundaries(WHOLE, 91, 3, 2, 93, 2, 1, 95, 1, 0));
	}

	@ParameterizedTest(name = "SpO2 {0} on scale 2 on air scores {1}")
	@MethodSource
	void scoresSpo2OnScale2OnAir(double value, int expected) {
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_2, false)).isEqualTo(expected);
	}

	static Stream<Arguments> scoresSpo2OnScale2OnAir() {
		return Stream.concat(Stream.of(arguments(50, 3), arguments(90, 0), arguments(93, 0), arguments(100, 0)),
				aroundBoundaries(WHOLE, 83, 3, 2, 85, 2, 1, 87, 1, 0, 92, 0, 0, 94, 0, 0, 96, 0, 0));
	}

	@ParameterizedTest(name = "SpO2 {0} on scale 2 on oxygen scores {1}")
	@MethodSource
	void scoresSpo2OnScale2OnOxygen(double value, int expected) {
		assertThat(News2Scorer.spo2(value, SpO2Scale.SCALE_2, true)).isEqualTo(expected);
	}

	static Stream<Arguments> scoresSpo2OnScale2OnOxygen() {
		return Stream.concat(Stream.of(arguments(50, 3), arguments(90, 0), arguments(100, 3)),
				aroundBoundaries(WHOLE, 83, 3, 2, 85, 2, 1, 87, 1, 0, 92, 0, 1, 94, 1, 2, 96, 2, 3));
	}

	@Test
	void scoresOxygenTwoAndAirZero() {
		assertThat(News2Scorer.airOrOxygen(true)).isEqualTo(2);
		assertThat(News2Scorer.airOrOxygen(false)).isZero();
	}

	@ParameterizedTest(name = "systolic {0} scores {1}")
	@MethodSource
	void scoresSystolicPressure(double value, int expected) {
		assertThat(News2Scorer.systolicBp(value)).isEqualTo(expected);
	}

	static Stream<Arguments> scoresSystolicPressure() {
		return Stream.concat(Stream.of(arguments(0, 3), arguments(150, 0), arguments(300, 3)),
				aroundBoundaries(WHOLE, 90, 3, 2, 100, 2, 1, 110, 1, 0, 219, 0, 3));
	}

	@ParameterizedTest(name = "pulse {0} scores {1}")
	@MethodSource
	void scoresPulse(double value, int expected) {
		assertThat(News2Scorer.heartRate(value)).isEqualTo(expected);
	}

	static Stream<Arguments> scoresPulse() {
		return Stream.concat(Stream.of(arguments(0, 3), arguments(70, 0), arguments(300, 3)),
				aroundBoundaries(WHOLE, 40, 3, 1, 50, 1, 0, 90, 0, 1, 110, 1, 2, 130, 2, 3));
	}

	@ParameterizedTest(name = "consciousness {0} scores {1}")
	@CsvSource({ "A, 0", "C, 3", "V, 3", "P, 3", "U, 3" })
	void scoresConsciousness(Consciousness level, int expected) {
		assertThat(News2Scorer.consciousness(level)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "temperature {0} scores {1}")
	@MethodSource
	void scoresTemperature(double value, int expected) {
		assertThat(News2Scorer.temperature(value)).isEqualTo(expected);
	}

	static Stream<Arguments> scoresTemperature() {
		return Stream.concat(Stream.of(arguments(32, 3), arguments(37, 0), arguments(44, 2)),
				aroundBoundaries(TENTH, 35.0, 3, 1, 36.0, 1, 0, 38.0, 0, 1, 39.0, 1, 2));
	}

	/**
	 * Verifies the examples of the issue: a value between two cells scores the worse.
	 */
	@Test
	void scoresValuesBetweenTwoCellsAsTheWorseCell() {
		assertThat(News2Scorer.spo2(95.5, SpO2Scale.SCALE_1, false)).isEqualTo(1);
		assertThat(News2Scorer.respRate(20.5)).isEqualTo(2);
		assertThat(News2Scorer.temperature(35.05)).isEqualTo(3);
		assertThat(News2Scorer.heartRate(90.5)).isEqualTo(1);
		assertThat(News2Scorer.systolicBp(100.5)).isEqualTo(2);
		assertThat(News2Scorer.temperature(38.05)).isEqualTo(1);
		assertThat(News2Scorer.heartRate(50.9)).isEqualTo(1);
	}

	/**
	 * Verifies that conversion noise (a ratio of 0.57 times 100 is 56.99999999999999)
	 * lands on the cell the value belongs to instead of between two cells.
	 */
	@Test
	void scoresConversionNoiseAsTheCellItBelongsTo() {
		assertThat(0.57 * 100).isEqualTo(56.99999999999999);
		assertThat(News2Scorer.spo2(Math.nextDown(96.0), SpO2Scale.SCALE_1, false)).isZero();
		assertThat(News2Scorer.spo2(Math.nextDown(88.0), SpO2Scale.SCALE_2, false)).isZero();
		assertThat(News2Scorer.heartRate(Math.nextUp(90.0))).isZero();
		assertThat(News2Scorer.heartRate(Math.nextDown(51.0))).isZero();
		assertThat(News2Scorer.systolicBp(Math.nextDown(111.0))).isZero();
		assertThat(News2Scorer.respRate(Math.nextUp(20.0))).isZero();
		assertThat(News2Scorer.temperature(Math.nextDown(36.1))).isZero();
		assertThat(News2Scorer.temperature(Math.nextUp(38.0))).isZero();
	}

	@Test
	void rejectsNonFiniteValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> News2Scorer.heartRate(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> News2Scorer.temperature(Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> News2Scorer.spo2(Double.NEGATIVE_INFINITY, SpO2Scale.SCALE_2, true));
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

	private static final BigDecimal WHOLE = BigDecimal.ONE;

	private static final BigDecimal TENTH = new BigDecimal("0.1");

	/** Half the resolution (0.001) at which values are compared with the chart. */
	private static final BigDecimal HALF_RESOLUTION = new BigDecimal("0.0005");

	private static final BigDecimal LESS_THAN_HALF = new BigDecimal("0.0004");

	private static final BigDecimal MORE_THAN_HALF = new BigDecimal("0.0006");

	/**
	 * Cases around chart boundaries, each given as (last cell below, its score, score of
	 * the next cell). Values are taken half-up to 0.001 first, so: the lower cell and up
	 * to 0.0004 above it score the lower cell; from 0.0005 above it to 0.0006 below the
	 * next cell, the worse of the two; from 0.0005 below the next cell, the next cell.
	 */
	static Stream<Arguments> aroundBoundaries(BigDecimal cell, double... boundaries) {
		List<Arguments> cases = new ArrayList<>();
		for (int i = 0; i < boundaries.length; i += 3) {
			BigDecimal lower = BigDecimal.valueOf(boundaries[i]);
			BigDecimal upper = lower.add(cell);
			int below = (int) boundaries[i + 1];
			int above = (int) boundaries[i + 2];
			int worse = Math.max(below, above);
			cases.add(arguments(lower.doubleValue(), below));
			cases.add(arguments(lower.add(LESS_THAN_HALF).doubleValue(), below));
			cases.add(arguments(lower.add(HALF_RESOLUTION).doubleValue(), worse));
			cases.add(arguments(lower.add(cell.divide(BigDecimal.valueOf(2))).doubleValue(), worse));
			cases.add(arguments(upper.subtract(MORE_THAN_HALF).doubleValue(), worse));
			cases.add(arguments(upper.subtract(HALF_RESOLUTION).doubleValue(), above));
			cases.add(arguments(upper.doubleValue(), above));
		}
		return cases.stream();
	}

	static News2Inputs inputs(double rr, double spo2, boolean oxygen, double sbp, double hr, Consciousness level,
			double temperature) {
		return new News2Inputs(rr, spo2, oxygen, sbp, hr, level, temperature);
	}

	/**
	 * Verifies principle 8: a partial score whose known part is low never says "routine";
	 * a partial score at or above a band keeps that band's response (a lower bound).
	 */
	@Test
	void aPartialLowScoreIsIncompleteNeverRoutine() {
		News2Score partial = News2Scorer.score(new News2Inputs(16.0, 97.0, false, null, 70.0, null, null),
				SpO2Scale.SCALE_1, java.time.Instant.parse("2026-12-05T10:00:00Z"));
		assertThat(partial.partial()).isTrue();
		assertThat(partial.total()).isZero();
		assertThat(partial.response()).isEqualTo(ClinicalResponse.INCOMPLETE);
		assertThat(partial.response().text()).doesNotContain("Routine");
		News2Score partialHigh = News2Scorer.score(new News2Inputs(26.0, 86.0, false, null, 135.0, null, null),
				SpO2Scale.SCALE_1, java.time.Instant.parse("2026-12-05T10:00:00Z"));
		assertThat(partialHigh.response()).isEqualTo(ClinicalResponse.EMERGENCY_RESPONSE);
	}

}
