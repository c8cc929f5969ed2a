package care.vitals.publisher.physiology;

import java.time.ZoneId;

/**
 * The physiological model: a pure function from (patient, scenario, moment) to vital
 * signs. Nothing is remembered between calls, so a test can ask for any moment of a
 * seeded scenario and gets the same answer every time, in any order.
 * <p>
 * Each value is the individual baseline, plus the scenario's accumulated change, plus the
 * circadian rhythm, plus noise: a slow latent "stress" factor shared by heart rate,
 * respiratory rate, blood pressure and temperature (so they rise and fall together), a
 * smooth per-parameter drift and a small white measurement noise. Fever raises heart rate
 * by 10 /min and respiratory rate by 2 /min per degree. Atrial fibrillation adds
 * beat-to-beat variability. Results are quantised and clamped to physiological limits.
 */
public final class Physiology {

	private final Circadian circadian;

	/**
	 * Creates the model.
	 * @param zone the ward's time zone for the circadian rhythm
	 */
	public Physiology(ZoneId zone) {
		this.circadian = new Circadian(zone);
	}

	/**
	 * Computes the vital signs of a patient at a moment.
	 * @param patient the patient
	 * @param scenario the scenario the patient is in
	 * @param moment when
	 * @return the quantised vital signs
	 */
	public Vitals vitals(PatientModel patient, Scenario scenario, Moment moment) {
		return compute(patient, scenario, moment, true);
	}

	/**
	 * Computes the noise-free vital signs of a patient at a moment: the individual
	 * baseline, the scenario's accumulated change (with the fever's effect on heart and
	 * respiratory rate) and the circadian rhythm, without the latent stress factor, the
	 * drift, the measurement noise and the beat-to-beat variability of atrial
	 * fibrillation. Quantised and clamped as {@link #vitals} is. This is the scripted
	 * course as the script defines it (the alarm burden benchmark dates a deterioration's
	 * clinical onset by it).
	 * @param patient the patient
	 * @param scenario the scenario the patient is in
	 * @param moment when
	 * @return the quantised noise-free vital signs
	 */
	public Vitals expected(PatientModel patient, Scenario scenario, Moment moment) {
		return compute(patient, scenario, moment, false);
	}

	private Vitals compute(PatientModel patient, Scenario scenario, Moment moment, boolean noisy) {
		ScenarioState state = scenario.stateAt(moment.scenarioElapsed());
		Baseline b = patient.baseline();
		Shift s = state.shift();
		long seed = patient.seed();
		double t = moment.seconds();
		long ms = moment.sinceStart().toMillis();
		double n = noisy ? 1 : 0;
		double stress = n * Noise.smooth(seed, patient.stream(1), t / 600);
		double fever = Math.max(0, s.temperature());
		double temp = b.temperature() + s.temperature() + 0.25 * this.circadian.factor(moment.wallTime(), 18)
				+ 0.12 * stress + n * 0.05 * Noise.smooth(seed, patient.stream(2), t / 300);
		double hr = b.heartRate() + s.heartRate() + 10 * fever + 4 * this.circadian.factor(moment.wallTime(), 16)
				+ 4 * stress + n * 1.8 * Noise.smooth(seed, patient.stream(3), t / 20)
				+ n * 0.8 * Noise.gaussian(seed, patient.stream(4), ms);
		if (state.irregular()) {
			hr += n * 9 * Noise.gaussian(seed, patient.stream(5), ms);
		}
		double rr = b.respRate() + s.respRate() + 2 * fever + 0.8 * this.circadian.factor(moment.wallTime(), 15)
				+ stress + n * 0.7 * Noise.smooth(seed, patient.stream(6), t / 30)
				+ n * 0.4 * Noise.gaussian(seed, patient.stream(7), ms);
		double spo2 = b.spo2() + s.spo2() - 0.3 * Math.max(0, stress)
				+ n * 0.5 * Noise.smooth(seed, patient.stream(8), t / 60)
				+ n * 0.3 * Noise.gaussian(seed, patient.stream(9), ms);
		double sys = b.systolic() + s.systolic() + 6 * this.circadian.factor(moment.wallTime(), 15) + 3 * stress
				+ n * 2.5 * Noise.smooth(seed, patient.stream(10), t / 120)
				+ n * 1.5 * Noise.gaussian(seed, patient.stream(11), ms);
		double dia = b.diastolic() + s.diastolic() + 4 * this.circadian.factor(moment.wallTime(), 15) + 2 * stress
				+ n * 1.5 * Noise.smooth(seed, patient.stream(12), t / 120)
				+ n * Noise.gaussian(seed, patient.stream(13), ms);
		double systolic = clamp(Math.round(sys), 50, 260);
		return new Vitals(clamp(Math.round(hr), 20, 250), clamp(Math.round(rr), 4, 50),
				clamp(Math.round(spo2), 60, 100), clamp(Math.round(temp * 10) / 10.0, 32.5, 43), systolic,
				clamp(Math.round(dia), 25, systolic - 10), state.oxygen(), state.consciousness(), state.irregular());
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

}
