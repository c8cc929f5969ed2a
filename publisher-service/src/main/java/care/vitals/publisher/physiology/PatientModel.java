package care.vitals.publisher.physiology;

/**
 * The fixed part of a simulated patient: who they are physiologically.
 *
 * @param seed the simulation seed
 * @param index the patient index within the simulation, from 0
 * @param profile the profile the baseline came from
 * @param baseline the individual resting values
 */
public record PatientModel(long seed, int index, Profile profile, Baseline baseline) {

	/**
	 * Creates the model of one patient.
	 * @param seed the simulation seed
	 * @param index the patient index
	 * @param profile the profile, or {@code null} for a mixed ward
	 * @return the model
	 */
	public static PatientModel of(long seed, int index, Profile profile) {
		Profile chosen = (profile != null) ? profile : Profile.mixed(seed, index);
		return new PatientModel(seed, index, chosen, chosen.baseline().individualise(seed, index));
	}

	/**
	 * Returns the noise stream of one channel of this patient.
	 * @param channel the channel number, 0-99
	 * @return a stream number unique to the patient and channel
	 */
	long stream(int channel) {
		return 100_000L + this.index * 100L + channel;
	}

}
