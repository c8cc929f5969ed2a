package care.vitals.publisher.physiology;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import care.vitals.model.reading.Consciousness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Verifies that the physiological model is a pure, seeded function and that each scenario
 * follows its timeline.
 */
class PhysiologyTests {

	private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

	private final Physiology physiology = new Physiology(ZoneOffset.UTC);

	private final PatientModel patient = PatientModel.of(42, 0, Profile.ADULT);

	@Test
	void seededSequenceIsExactlyReproducible() {
		List<Vitals> sequence = sequence(this.patient, Scenario.STABLE, 5);
		assertThat(sequence).containsExactly(GOLDEN.toArray(new Vitals[0]));
	}

	@Test
	void resultDoesNotDependOnTheOrderOfCalls() {
		Moment late = moment(Duration.ofHours(2));
		Vitals first = this.physiology.vitals(this.patient, Scenario.SEPSIS, late);
		sequence(this.patient, Scenario.SEPSIS, 100);
		assertThat(this.physiology.vitals(this.patient, Scenario.SEPSIS, late)).isEqualTo(first);
		assertThat(this.physiology.vitals(PatientModel.of(42, 0, Profile.ADULT), Scenario.SEPSIS, late))
			.isEqualTo(first);
	}

	@Test
	void patientsAndSeedsDiffer() {
		assertThat(sequence(PatientModel.of(42, 1, Profile.ADULT), Scenario.STABLE, 20))
			.isNotEqualTo(sequence(this.patient, Scenario.STABLE, 20));
		assertThat(sequence(PatientModel.of(43, 0, Profile.ADULT), Scenario.STABLE, 20))
			.isNotEqualTo(sequence(this.patient, Scenario.STABLE, 20));
	}

	@Test
	void expectedIsTheScriptedCourseWithoutNoise() {
		Set<Double> expected = new HashSet<>();
		Set<Double> measured = new HashSet<>();
		for (int second = 0; second < 600; second++) {
			Moment at = moment(Duration.ofHours(3).plusSeconds(second));
			expected.add(this.physiology.expected(this.patient, Scenario.STABLE, at).heartRate());
			measured.add(this.physiology.vitals(this.patient, Scenario.STABLE, at).heartRate());
		}
		// ten minutes of circadian drift at most crosses one whole number; noise many
		assertThat(expected).hasSizeLessThanOrEqualTo(2);
		assertThat(measured).hasSizeGreaterThan(3);
		// sepsis after both ramps: baseline, shifts (HR +31, RR +9, temperature +2.3,
		// systolic -37), the fever's effect (HR +10, RR +2 per degree), the rhythm
		Moment late = moment(Duration.ofMinutes(220));
		Vitals septic = this.physiology.expected(this.patient, Scenario.SEPSIS, late);
		Baseline b = this.patient.baseline();
		Circadian rhythm = new Circadian(ZoneOffset.UTC);
		assertThat(septic.heartRate()).isCloseTo(b.heartRate() + 31 + 23 + 4 * rhythm.factor(late.wallTime(), 16),
				offset(0.5));
		assertThat(septic.respRate()).isCloseTo(b.respRate() + 9 + 4.6 + 0.8 * rhythm.factor(late.wallTime(), 15),
				offset(0.5));
		assertThat(septic.systolic()).isCloseTo(b.systolic() - 37 + 6 * rhythm.factor(late.wallTime(), 15),
				offset(0.5));
		assertThat(septic.consciousness()).isEqualTo(Consciousness.C);
	}

	@Test
	void stablePatientStaysInTheNormalRanges() {
		for (int minute = 0; minute < 24 * 60; minute += 7) {
			Vitals v = this.physiology.vitals(this.patient, Scenario.STABLE, moment(Duration.ofMinutes(minute)));
			assertThat(v.heartRate()).isBetween(50.0, 100.0);
			assertThat(v.respRate()).isBetween(10.0, 21.0);
			assertThat(v.spo2()).isBetween(94.0, 100.0);
			assertThat(v.temperature()).isBetween(36.0, 37.9);
			assertThat(v.systolic()).isBetween(100.0, 150.0);
			assertThat(v.oxygen()).isFalse();
			assertThat(v.consciousness()).isEqualTo(Consciousness.A);
		}
	}

	@Test
	void sepsisRaisesFeverHeartAndBreathingRateThenPressureFallsAndConfusionStarts() {
		Vitals before = average(Scenario.SEPSIS, Duration.ofMinutes(20));
		Vitals late = average(Scenario.SEPSIS, Duration.ofMinutes(220));
		assertThat(late.temperature() - before.temperature()).isGreaterThan(1.8);
		assertThat(late.heartRate() - before.heartRate()).isGreaterThan(40);
		assertThat(late.respRate() - before.respRate()).isGreaterThan(8);
		assertThat(before.systolic() - late.systolic()).isGreaterThan(30);
		assertThat(late.consciousness()).isEqualTo(Consciousness.C);
		assertThat(before.consciousness()).isEqualTo(Consciousness.A);
	}

	@Test
	void respiratoryDeteriorationLowersSaturationUntilOxygenStarts() {
		Vitals hypoxic = average(Scenario.RESPIRATORY_DETERIORATION, Duration.ofMinutes(108));
		Vitals onOxygen = average(Scenario.RESPIRATORY_DETERIORATION, Duration.ofMinutes(130));
		assertThat(hypoxic.spo2()).isLessThan(92);
		assertThat(hypoxic.respRate()).isGreaterThan(22);
		assertThat(hypoxic.oxygen()).isFalse();
		assertThat(onOxygen.oxygen()).isTrue();
		assertThat(onOxygen.spo2()).isGreaterThan(hypoxic.spo2() + 3);
	}

	@Test
	void bradycardiaThenIrregularFastAtrialFibrillation() {
		Vitals brady = average(Scenario.BRADYCARDIA_AF, Duration.ofMinutes(50));
		assertThat(brady.heartRate()).isLessThan(50);
		assertThat(brady.irregular()).isFalse();
		List<Double> af = new ArrayList<>();
		for (int s = 0; s < 60; s++) {
			af.add(this.physiology
				.vitals(this.patient, Scenario.BRADYCARDIA_AF, moment(Duration.ofMinutes(70).plusSeconds(s)))
				.heartRate());
		}
		double mean = af.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double sd = Math.sqrt(af.stream().mapToDouble((hr) -> (hr - mean) * (hr - mean)).average().orElseThrow());
		assertThat(mean).isGreaterThan(110);
		assertThat(sd).isGreaterThan(5);
	}

	@Test
	void hypothermiaCoolsBelow35AndDrowsiness() {
		Vitals cold = average(Scenario.HYPOTHERMIA, Duration.ofMinutes(200));
		assertThat(cold.temperature()).isLessThan(35.0);
		assertThat(cold.heartRate()).isLessThan(65);
		assertThat(cold.consciousness()).isEqualTo(Consciousness.V);
	}

	@Test
	void haemorrhageDecompensatesWithinTheHour() {
		Vitals compensated = average(Scenario.HAEMORRHAGE, Duration.ofMinutes(40));
		assertThat(compensated.heartRate()).isGreaterThan(95);
		assertThat(compensated.systolic()).isGreaterThan(100);
		Vitals decompensated = average(Scenario.HAEMORRHAGE, Duration.ofMinutes(70));
		assertThat(decompensated.heartRate()).isGreaterThan(120);
		assertThat(decompensated.systolic()).isLessThan(90);
		assertThat(decompensated.respRate()).isGreaterThan(24);
		assertThat(decompensated.temperature()).isLessThan(38.0);
		assertThat(decompensated.consciousness()).isEqualTo(Consciousness.C);
	}

	@Test
	void opioidOversedationSlowsBreathingAndDesaturates() {
		Vitals sedated = average(Scenario.OPIOID_OVERSEDATION, Duration.ofMinutes(40));
		assertThat(sedated.consciousness()).isEqualTo(Consciousness.V);
		Vitals depressed = average(Scenario.OPIOID_OVERSEDATION, Duration.ofMinutes(70));
		assertThat(depressed.respRate()).isLessThanOrEqualTo(8);
		assertThat(depressed.spo2()).isLessThan(91);
		assertThat(depressed.consciousness()).isEqualTo(Consciousness.P);
		assertThat(Scenario.OPIOID_OVERSEDATION.stateAt(Duration.ofMinutes(9)).shift())
			.isEqualTo(Shift.of(0, 0, 0, 0, 0, 0));
	}

	@Test
	void timelinesStartWhereTheyClaim() {
		assertThat(Scenario.STABLE.timeline()).isEmpty();
		assertThat(Scenario.ARTEFACT_STORM.stateAt(Duration.ofMinutes(10)).artefactFactor()).isEqualTo(20);
		assertThat(Scenario.ARTEFACT_STORM.stateAt(Duration.ofMinutes(40)).artefactFactor()).isEqualTo(1);
		assertThat(Scenario.SEPSIS.stateAt(Duration.ofMinutes(29)).shift()).isEqualTo(Shift.of(0, 0, 0, 0, 0, 0));
	}

	private Vitals average(Scenario scenario, Duration at) {
		double hr = 0;
		double rr = 0;
		double spo2 = 0;
		double temp = 0;
		double sys = 0;
		double dia = 0;
		int n = 60;
		Vitals last = null;
		for (int s = 0; s < n; s++) {
			last = this.physiology.vitals(this.patient, scenario, moment(at.plusSeconds(s)));
			hr += last.heartRate() / n;
			rr += last.respRate() / n;
			spo2 += last.spo2() / n;
			temp += last.temperature() / n;
			sys += last.systolic() / n;
			dia += last.diastolic() / n;
		}
		return new Vitals(hr, rr, spo2, temp, sys, dia, last.oxygen(), last.consciousness(), last.irregular());
	}

	private List<Vitals> sequence(PatientModel patient, Scenario scenario, int seconds) {
		List<Vitals> sequence = new ArrayList<>();
		for (int s = 0; s < seconds; s++) {
			sequence.add(this.physiology.vitals(patient, scenario, moment(Duration.ofSeconds(s))));
		}
		return sequence;
	}

	private static Moment moment(Duration sinceStart) {
		return new Moment(sinceStart, sinceStart, START.plus(sinceStart));
	}

	/** Seed 42, patient 0, adult, stable, from 08:00 UTC, one per second. */
	private static final List<Vitals> GOLDEN = List.of(vitals(68, 14, 97, 36.7, 121, 68),
			vitals(67, 14, 98, 36.7, 123, 67), vitals(66, 14, 98, 36.7, 120, 68), vitals(67, 14, 98, 36.7, 119, 69),
			vitals(68, 14, 98, 36.7, 119, 69));

	private static Vitals vitals(double hr, double rr, double spo2, double temp, double sys, double dia) {
		return new Vitals(hr, rr, spo2, temp, sys, dia, false, Consciousness.A, false);
	}

}
