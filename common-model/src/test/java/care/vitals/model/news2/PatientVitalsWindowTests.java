package care.vitals.model.news2;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PatientVitalsWindowTests {

	private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");

	private final PatientVitalsWindow window = new PatientVitalsWindow(FreshnessWindows.defaults());

	@Test
	void documentsTheDefaultWindows() {
		FreshnessWindows defaults = FreshnessWindows.defaults();
		assertThat(defaults.window(News2Parameter.HEART_RATE)).isEqualTo(Duration.ofMinutes(5));
		assertThat(defaults.window(News2Parameter.SPO2)).isEqualTo(Duration.ofMinutes(5));
		assertThat(defaults.window(News2Parameter.RESP_RATE)).isEqualTo(Duration.ofMinutes(5));
		assertThat(defaults.window(News2Parameter.SYSTOLIC_BP)).isEqualTo(Duration.ofMinutes(60));
		assertThat(defaults.window(News2Parameter.TEMPERATURE)).isEqualTo(Duration.ofMinutes(60));
		assertThat(defaults.window(News2Parameter.AIR_OR_OXYGEN)).isEqualTo(Duration.ofHours(4));
		assertThat(defaults.window(News2Parameter.CONSCIOUSNESS)).isEqualTo(Duration.ofHours(4));
	}

	@Test
	void scoresAFullSetAsComplete() {
		observe(full(T0));
		News2Score score = this.window.score(T0.plusSeconds(1), SpO2Scale.SCALE_1);
		assertThat(score.partial()).isFalse();
		assertThat(score.total()).isZero();
		assertThat(score.at()).isEqualTo(T0.plusSeconds(1));
	}

	@ParameterizedTest(name = "{0}: fresh at its window, stale 1 ms later")
	@CsvSource({ "RESP_RATE, PT5M", "SPO2, PT5M", "HEART_RATE, PT5M", "SYSTOLIC_BP, PT60M", "TEMPERATURE, PT60M",
			"AIR_OR_OXYGEN, PT4H", "CONSCIOUSNESS, PT4H" })
	void appliesEachFreshnessWindowInclusively(News2Parameter parameter, Duration window) {
		observe(abnormal(T0));
		Instant edge = T0.plus(window);
		refreshAllBut(parameter, edge.plusMillis(1));
		News2Score inside = this.window.score(edge, SpO2Scale.SCALE_1);
		assertThat(inside.subScore(parameter)).isPresent();
		assertThat(inside.stale()).doesNotContain(parameter);
		News2Score outside = this.window.score(edge.plusMillis(1), SpO2Scale.SCALE_1);
		assertThat(outside.subScore(parameter)).isEmpty();
		assertThat(outside.stale()).containsExactly(parameter);
		assertThat(outside.partial()).isTrue();
		assertThat(outside.total()).isEqualTo(inside.total() - inside.subScore(parameter).getAsInt());
	}

	@Test
	void keepsTheNewestEightSourcesOfAParameterAndASourceWhileItHoldsAnother() {
		// mon-0 reads SpO2 85 % and heart rate 72; eight more oximeters read 97 % after
		// it
		this.window.accept(Reading.of("mon-0", T0, Map.of(Parameter.SPO2, 85.0, Parameter.HEART_RATE, 72.0)));
		for (int i = 1; i <= PatientVitalsWindow.MAX_SOURCES; i++) {
			Instant at = T0.plusSeconds(i);
			assertThat(this.window.used(at, SpO2Scale.SCALE_1).get(News2Parameter.SPO2).source())
				.as("the worst SpO2 while mon-0's is held")
				.isEqualTo(Source.device("mon-0"));
			this.window.accept(Reading.of("ox-" + i, at, Map.of(Parameter.SPO2, 97.0)));
		}
		Map<News2Parameter, PatientVitalsWindow.Used> used = this.window.used(T0.plusSeconds(10), SpO2Scale.SCALE_1);
		assertThat(used.get(News2Parameter.SPO2).value()).as("mon-0's SpO2, the oldest of nine, dropped")
			.isEqualTo(97.0);
		assertThat(used.get(News2Parameter.HEART_RATE).source()).as("mon-0's heart rate still held")
			.isEqualTo(Source.device("mon-0"));
	}

	@Test
	void listsNeverReportedParametersAsMissing() {
		this.window.accept(Reading.of("mon-7", T0,
				Map.of(Parameter.HEART_RATE, 72.0, Parameter.SPO2, 97.0, Parameter.RESP_RATE, 16.0)));
		News2Score score = this.window.score(T0, SpO2Scale.SCALE_1);
		assertThat(score.missing()).containsExactly(News2Parameter.AIR_OR_OXYGEN, News2Parameter.SYSTOLIC_BP,
				News2Parameter.CONSCIOUSNESS, News2Parameter.TEMPERATURE);
		assertThat(score.partial()).isTrue();
	}

	@Test
	void treatsAnUnknownOxygenFlagAsMissingNotAsAir() {
		observe(new Reading("mon-7", T0, null, Map.of(Parameter.HEART_RATE, 72.0, Parameter.SPO2, 97.0,
				Parameter.RESP_RATE, 16.0, Parameter.SYSTOLIC_BP, 120.0, Parameter.TEMPERATURE, 36.8), null,
				Consciousness.A));
		News2Score score = this.window.score(T0, SpO2Scale.SCALE_1);
		assertThat(score.missing()).containsExactly(News2Parameter.AIR_OR_OXYGEN);
		assertThat(score.subScore(News2Parameter.AIR_OR_OXYGEN)).isEmpty();
	}

	@Test
	void scoresTheWorstOfTwoFreshDevicesAndKeepsEachDevicesNewestValue() {
		this.window.accept(Reading.of("mon-7", T0, Map.of(Parameter.HEART_RATE, 72.0)));
		this.window.accept(Reading.of("ox-2", T0.plusSeconds(5), Map.of(Parameter.HEART_RATE, 135.0)));
		assertThat(this.window.accept(Reading.of("mon-7", T0.plusSeconds(2), Map.of(Parameter.HEART_RATE, 72.0))))
			.as("each source's own newest value")
			.isOne();
		assertThat(this.window.accept(Reading.of("mon-7", T0.plusSeconds(1), Map.of(Parameter.HEART_RATE, 30.0))))
			.as("older than the source's held value")
			.isZero();
		assertThat(this.window.score(T0.plusSeconds(5), SpO2Scale.SCALE_1).subScore(News2Parameter.HEART_RATE))
			.hasValue(3);
		assertThat(this.window.observedAt(News2Parameter.HEART_RATE)).contains(T0.plusSeconds(5));
	}

	@Test
	void ignoresImplausibleValues() {
		assertThat(this.window.accept(Reading.of("mon-7", T0, Map.of(Parameter.SPO2, 101.0)))).isZero();
		assertThat(this.window.observedAt(News2Parameter.SPO2)).isEmpty();
	}

	@Test
	void ignoresParametersNewsDoesNotScore() {
		assertThat(this.window.accept(Reading.of("mon-7", T0, Map.of(Parameter.DIASTOLIC_BP, 80.0)))).isZero();
	}

	@Test
	void usesTheScaleAskedFor() {
		this.window.accept(new Reading("mon-7", T0, null, Map.of(Parameter.SPO2, 97.0), true, null));
		assertThat(this.window.score(T0, SpO2Scale.SCALE_1).subScore(News2Parameter.SPO2)).hasValue(0);
		assertThat(this.window.score(T0, SpO2Scale.SCALE_2).subScore(News2Parameter.SPO2)).hasValue(3);
	}

	@Test
	void countsValuesFromSlightlyAheadClocksAsFresh() {
		observe(full(T0.plusSeconds(2)));
		assertThat(this.window.score(T0, SpO2Scale.SCALE_1).partial()).isFalse();
	}

	@Test
	void validatesFreshnessWindows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FreshnessWindows.defaults().with(News2Parameter.SPO2, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new FreshnessWindows(Map.of()));
		assertThat(FreshnessWindows.defaults()
			.with(News2Parameter.SPO2, Duration.ofMinutes(1))
			.window(News2Parameter.SPO2)).hasMinutes(1);
	}

	private void refreshAllBut(News2Parameter stale, Instant at) {
		Reading fresh = abnormal(at);
		Map<Parameter, Double> values = new LinkedHashMap<>(fresh.values());
		stale.parameter().ifPresent(values::remove);
		Boolean oxygen = (stale == News2Parameter.AIR_OR_OXYGEN) ? null : fresh.oxygen();
		Consciousness level = (stale == News2Parameter.CONSCIOUSNESS) ? null : fresh.consciousness();
		observe(new Reading("mon-7", at, null, values, oxygen, level));
	}

	@Test
	void neverScoresAConsciousnessLevelADeviceSends() {
		this.window.accept(full(T0));
		News2Score score = this.window.score(T0, SpO2Scale.SCALE_1);
		assertThat(score.missing()).containsExactly(News2Parameter.CONSCIOUSNESS);
		assertThat(score.partial()).isTrue();
	}

	@Test
	void aNursesEntryWinsOverNewerDeviceValuesUntilItIsNoLongerFresh() {
		this.window.accept(new Reading("mon-7", T0, null, Map.of(), null, Consciousness.V), NURSE);
		this.window.accept(new Reading("o2-1", T0, null, Map.of(), true, null), NURSE);
		this.window.accept(
				new Reading("mon-7", T0.plusSeconds(60), null, Map.of(Parameter.SPO2, 97.0), false, Consciousness.A));
		Map<News2Parameter, PatientVitalsWindow.Used> used = this.window.used(T0.plusSeconds(60), SpO2Scale.SCALE_1);
		assertThat(used.get(News2Parameter.CONSCIOUSNESS).value()).isEqualTo(Consciousness.V);
		assertThat(used.get(News2Parameter.CONSCIOUSNESS).source()).isEqualTo(NURSE);
		assertThat(used.get(News2Parameter.AIR_OR_OXYGEN).value()).isEqualTo(true);
		assertThat(used.get(News2Parameter.SPO2).source()).isEqualTo(Source.device("mon-7"));
		assertThat(this.window.score(T0.plusSeconds(60), SpO2Scale.SCALE_1).subScore(News2Parameter.CONSCIOUSNESS))
			.hasValue(3);
		Instant expired = T0.plus(Duration.ofHours(4)).plusMillis(1);
		this.window.accept(new Reading("mon-7", expired, null, Map.of(), false, null));
		used = this.window.used(expired, SpO2Scale.SCALE_1);
		assertThat(used.get(News2Parameter.AIR_OR_OXYGEN).source()).isEqualTo(Source.device("mon-7"));
		assertThat(used).doesNotContainKey(News2Parameter.CONSCIOUSNESS);
	}

	@Test
	void aWorseDeviceValueIsNeverHiddenByAnEarlierManualOne() {
		this.window.accept(Reading.of("staff-entry", T0, Map.of(Parameter.SYSTOLIC_BP, 120.0)), NURSE);
		this.window.accept(Reading.of("nibp-1", T0.plusSeconds(1800), Map.of(Parameter.SYSTOLIC_BP, 82.0)));
		Map<News2Parameter, PatientVitalsWindow.Used> used = this.window.used(T0.plusSeconds(1800), SpO2Scale.SCALE_1);
		assertThat(used.get(News2Parameter.SYSTOLIC_BP).value()).isEqualTo(82.0);
		assertThat(used.get(News2Parameter.SYSTOLIC_BP).source()).isEqualTo(Source.device("nibp-1"));
	}

	@Test
	void aBetterDeviceValueDoesNotOverwriteTheNursesEntry() {
		this.window.accept(Reading.of("staff-entry", T0, Map.of(Parameter.RESP_RATE, 24.0)), NURSE);
		this.window.accept(Reading.of("mon-7", T0.plusSeconds(60), Map.of(Parameter.RESP_RATE, 16.0)));
		assertThat(this.window.used(T0.plusSeconds(60), SpO2Scale.SCALE_1).get(News2Parameter.RESP_RATE).source())
			.isEqualTo(NURSE);
		this.window.accept(Reading.of("mon-7", T0.plusSeconds(65), Map.of(Parameter.RESP_RATE, 30.0)));
		assertThat(this.window.used(T0.plusSeconds(65), SpO2Scale.SCALE_1).get(News2Parameter.RESP_RATE).value())
			.as("the device's median of 16 and 30 (23) scores as the nurse's 24: the nurse's entry")
			.isEqualTo(24.0);
		this.window.accept(Reading.of("mon-7", T0.plusSeconds(70), Map.of(Parameter.RESP_RATE, 30.0)));
		assertThat(this.window.used(T0.plusSeconds(70), SpO2Scale.SCALE_1).get(News2Parameter.RESP_RATE).value())
			.as("median 30: worse than the nurse's entry, so it counts")
			.isEqualTo(30.0);
	}

	@Test
	void oneArtefactReadingDoesNotMoveADevicesValueButASustainedChangeDoes() {
		for (int s = 0; s < 60; s++) {
			this.window.accept(Reading.of("mon-7", T0.plusSeconds(s), Map.of(Parameter.SPO2, 96.0)));
		}
		this.window.accept(Reading.of("mon-7", T0.plusSeconds(60), Map.of(Parameter.SPO2, 70.0)));
		assertThat(this.window.used(T0.plusSeconds(60), SpO2Scale.SCALE_1).get(News2Parameter.SPO2).value())
			.isEqualTo(96.0);
		for (int s = 61; s < 122; s++) {
			this.window.accept(Reading.of("mon-7", T0.plusSeconds(s), Map.of(Parameter.SPO2, 88.0)));
		}
		assertThat(this.window.used(T0.plusSeconds(121), SpO2Scale.SCALE_1).get(News2Parameter.SPO2).value())
			.as("half of the last 2 minutes at 88")
			.isEqualTo(88.0);
	}

	@Test
	void aNewerNursesEntryReplacesAnOlderOne() {
		this.window.accept(new Reading("mon-7", T0, null, Map.of(), null, Consciousness.V), NURSE);
		this.window.accept(new Reading("mon-7", T0.plusSeconds(30), null, Map.of(), null, Consciousness.A),
				Source.staff("nurse-2"));
		assertThat(this.window.used(T0.plusSeconds(30), SpO2Scale.SCALE_1).get(News2Parameter.CONSCIOUSNESS).value())
			.isEqualTo(Consciousness.A);
	}

	@Test
	void twoDevicesThatAlternateScoreSteadilyOnTheWorse() {
		for (int s = 0; s < 10; s++) {
			String device = (s % 2 == 0) ? "ox-1" : "mon-7";
			double spo2 = (s % 2 == 0) ? 95.0 : 96.0;
			this.window.accept(Reading.of(device, T0.plusSeconds(s), Map.of(Parameter.SPO2, spo2)));
			if (s > 0) {
				assertThat(this.window.score(T0.plusSeconds(s), SpO2Scale.SCALE_1).subScore(News2Parameter.SPO2))
					.hasValue(1);
			}
		}
	}

	@Test
	void aStaleDeviceNoLongerCountsAsTheWorse() {
		this.window.accept(Reading.of("ox-1", T0, Map.of(Parameter.SPO2, 88.0)));
		this.window.accept(Reading.of("mon-7", T0.plus(Duration.ofMinutes(6)), Map.of(Parameter.SPO2, 97.0)));
		assertThat(this.window.score(T0.plus(Duration.ofMinutes(6)), SpO2Scale.SCALE_1).subScore(News2Parameter.SPO2))
			.hasValue(0);
	}

	private static final Source NURSE = Source.staff("nurse-1");

	/**
	 * A device's reading plus, as a nurse would record it, its level of consciousness.
	 */
	private void observe(Reading reading) {
		this.window.accept(reading);
		if (reading.consciousness() != null) {
			this.window.accept(
					new Reading(reading.deviceId(), reading.timestamp(), null, Map.of(), null, reading.consciousness()),
					NURSE);
		}
	}

	/** Every parameter scores at least 1, so a stale one visibly lowers the total. */
	private static Reading abnormal(Instant at) {
		return new Reading("mon-7", at, null, Map.of(Parameter.HEART_RATE, 95.0, Parameter.SPO2, 95.0,
				Parameter.RESP_RATE, 10.0, Parameter.SYSTOLIC_BP, 105.0, Parameter.TEMPERATURE, 38.5), true,
				Consciousness.C);
	}

	private static Reading full(Instant at) {
		return new Reading("mon-7", at, null, Map.of(Parameter.HEART_RATE, 72.0, Parameter.SPO2, 97.0,
				Parameter.RESP_RATE, 16.0, Parameter.SYSTOLIC_BP, 120.0, Parameter.TEMPERATURE, 36.8), false,
				Consciousness.A);
	}

}
