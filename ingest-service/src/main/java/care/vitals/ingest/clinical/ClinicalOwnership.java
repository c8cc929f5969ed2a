package care.vitals.ingest.clinical;

/**
 * Whether this instance owns the clinical output: writes NEWS2 scores and alarm
 * transitions and publishes the bed lists. One instance alone always does; with several
 * instances exactly one does at a time, and the others evaluate the same input as hot
 * standbys (docs/scaling.md).
 */
@FunctionalInterface
public interface ClinicalOwnership {

	/** Owns the clinical output whenever it runs: one instance alone. */
	ClinicalOwnership ALONE = () -> true;

	/**
	 * @return whether this instance owns the clinical output now
	 */
	boolean owns();

}
