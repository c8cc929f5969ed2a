package care.vitals.publisher.physiology;

import care.vitals.model.reading.Consciousness;

/**
 * A patient's vital signs at one moment, quantised as a device displays them.
 *
 * @param heartRate heart rate, whole /min
 * @param respRate respiratory rate, whole /min
 * @param spo2 oxygen saturation, whole %
 * @param temperature core temperature, Cel to one decimal
 * @param systolic systolic pressure, whole mm[Hg]
 * @param diastolic diastolic pressure, whole mm[Hg]
 * @param oxygen whether the patient is on supplemental oxygen
 * @param consciousness ACVPU level
 * @param irregular whether the rhythm is irregular
 */
public record Vitals(double heartRate, double respRate, double spo2, double temperature, double systolic,
		double diastolic, boolean oxygen, Consciousness consciousness, boolean irregular) {

	/**
	 * Returns the mean arterial pressure, (systolic + 2 diastolic) / 3, whole mm[Hg].
	 * @return the mean pressure
	 */
	public double meanPressure() {
		return Math.round((this.systolic + 2 * this.diastolic) / 3);
	}

}
