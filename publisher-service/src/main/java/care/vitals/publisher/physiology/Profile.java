package care.vitals.publisher.physiology;

/**
 * Patient profiles: the baseline a simulated patient starts from.
 */
public enum Profile {

	/** A healthy adult. */
	ADULT(new Baseline(72, 15, 97.5, 36.8, 122, 78)),

	/** An elderly inpatient: higher blood pressure, lower saturation. */
	ELDERLY(new Baseline(76, 17, 95.5, 36.6, 138, 82)),

	/**
	 * Chronic obstructive pulmonary disease: chronically low saturation (NEWS2 scale 2
	 * patients, target 88-92 %).
	 */
	COPD(new Baseline(86, 19, 90.5, 36.7, 130, 80)),

	/** A fit young adult: low resting heart rate. */
	ATHLETE(new Baseline(54, 12, 98.5, 36.6, 116, 70));

	private final Baseline baseline;

	Profile(Baseline baseline) {
		this.baseline = baseline;
	}

	/**
	 * Returns the profile's baseline before per-patient variation.
	 * @return the baseline
	 */
	public Baseline baseline() {
		return this.baseline;
	}

	/**
	 * Picks a profile for a patient of a mixed ward: 70 % adult, 20 % elderly, 10 % COPD.
	 * @param seed the simulation seed
	 * @param patient the patient index
	 * @return the profile
	 */
	public static Profile mixed(long seed, int patient) {
		double u = Noise.uniform(seed, 900, patient);
		return (u < 0.7) ? ADULT : (u < 0.9) ? ELDERLY : COPD;
	}

}
