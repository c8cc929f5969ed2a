package care.vitals.publisher.physiology;

import care.vitals.model.reading.Consciousness;

/**
 * What one phase of a scenario changes. Numeric fields are increments that ramp in
 * linearly over the phase's ramp time and add up over phases; the other fields take
 * effect when the phase starts, {@code null} meaning unchanged.
 *
 * @param heartRate heart rate change, /min
 * @param respRate respiratory rate change, /min
 * @param spo2 saturation change, %
 * @param temperature temperature change, Cel (drives heart and respiratory rate too)
 * @param systolic systolic pressure change, mm[Hg]
 * @param diastolic diastolic pressure change, mm[Hg]
 * @param oxygen {@code true} when supplemental oxygen starts, {@code false} when it stops
 * @param consciousness the new ACVPU level
 * @param irregular {@code true} when the rhythm becomes irregular (atrial fibrillation),
 * {@code false} when it converts back
 * @param artefactFactor multiplies the artefact rate from this phase on; {@code null}
 * unchanged
 */
public record Shift(double heartRate, double respRate, double spo2, double temperature, double systolic,
		double diastolic, Boolean oxygen, Consciousness consciousness, Boolean irregular, Double artefactFactor) {

	/** No change at all. */
	public static final Shift NONE = new Shift(0, 0, 0, 0, 0, 0, null, null, null, null);

	/**
	 * Creates a shift of the numeric values only.
	 * @param heartRate heart rate change
	 * @param respRate respiratory rate change
	 * @param spo2 saturation change
	 * @param temperature temperature change
	 * @param systolic systolic change
	 * @param diastolic diastolic change
	 * @return the shift
	 */
	public static Shift of(double heartRate, double respRate, double spo2, double temperature, double systolic,
			double diastolic) {
		return new Shift(heartRate, respRate, spo2, temperature, systolic, diastolic, null, null, null, null);
	}

	Shift withOxygen(boolean on) {
		return new Shift(this.heartRate, this.respRate, this.spo2, this.temperature, this.systolic, this.diastolic, on,
				this.consciousness, this.irregular, this.artefactFactor);
	}

	Shift withConsciousness(Consciousness level) {
		return new Shift(this.heartRate, this.respRate, this.spo2, this.temperature, this.systolic, this.diastolic,
				this.oxygen, level, this.irregular, this.artefactFactor);
	}

	Shift withIrregular(boolean on) {
		return new Shift(this.heartRate, this.respRate, this.spo2, this.temperature, this.systolic, this.diastolic,
				this.oxygen, this.consciousness, on, this.artefactFactor);
	}

	Shift withArtefactFactor(double factor) {
		return new Shift(this.heartRate, this.respRate, this.spo2, this.temperature, this.systolic, this.diastolic,
				this.oxygen, this.consciousness, this.irregular, factor);
	}

}
