package care.vitals.publisher.physiology;

/**
 * Resting values of a patient, in stored units.
 *
 * @param heartRate heart rate, /min
 * @param respRate respiratory rate, /min
 * @param spo2 oxygen saturation on air, %
 * @param temperature core temperature, Cel
 * @param systolic systolic blood pressure, mm[Hg]
 * @param diastolic diastolic blood pressure, mm[Hg]
 */
public record Baseline(double heartRate, double respRate, double spo2, double temperature, double systolic,
		double diastolic) {

	/**
	 * Returns this baseline with per-patient variation: each value moved by a
	 * deterministic normal deviate scaled to a clinically small spread.
	 * @param seed the simulation seed
	 * @param patient the patient index
	 * @return the individual baseline
	 */
	Baseline individualise(long seed, int patient) {
		long stream = 1000L + patient;
		return new Baseline(this.heartRate + 5 * Noise.gaussian(seed, stream, 0),
				this.respRate + 1.2 * Noise.gaussian(seed, stream, 1),
				Math.min(99, this.spo2 + 0.8 * Noise.gaussian(seed, stream, 2)),
				this.temperature + 0.2 * Noise.gaussian(seed, stream, 3),
				this.systolic + 8 * Noise.gaussian(seed, stream, 4),
				this.diastolic + 5 * Noise.gaussian(seed, stream, 5));
	}

}
