package care.vitals.model.news2;

/**
 * The NEWS2 SpO2 scale in use for a patient: a per-patient clinical setting, never
 * inferred from the data.
 */
public enum SpO2Scale {

	/** Scale 1, the default for every patient. */
	SCALE_1(1),

	/**
	 * Scale 2, only for patients with a prescribed target SpO2 of 88-92 % (hypercapnic
	 * respiratory failure), as decided by a clinician.
	 */
	SCALE_2(2);

	private final int number;

	SpO2Scale(int number) {
		this.number = number;
	}

	/**
	 * Returns the scale number as written on the chart and stored in InfluxDB.
	 * @return {@code 1} or {@code 2}
	 */
	public int number() {
		return this.number;
	}

}
