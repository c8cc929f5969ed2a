package care.vitals.model.alarm;

/**
 * Alarm priority per IEC 60601-1-8. Which condition gets which priority is the project's
 * documented risk table, not the standard's.
 */
public enum AlarmPriority {

	/** Immediate response required. */
	HIGH,

	/** Prompt response required. */
	MEDIUM,

	/** Awareness required. */
	LOW

}
