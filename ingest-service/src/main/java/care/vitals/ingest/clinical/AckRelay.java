package care.vitals.ingest.clinical;

/**
 * Passes an acknowledgement made through an instance that does not own the clinical
 * output to the owner, which applies it and publishes the bed's list; the acknowledging
 * instance sees it come back (docs/scaling.md).
 */
@FunctionalInterface
public interface AckRelay {

	/**
	 * Sends an acknowledgement to the owner.
	 * @param alarmId the alarm, as on the bed's list
	 * @param user who acknowledged
	 * @throws RuntimeException if the broker did not take it
	 */
	void forward(String alarmId, String user);

}
