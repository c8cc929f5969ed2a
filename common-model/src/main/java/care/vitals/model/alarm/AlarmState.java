package care.vitals.model.alarm;

/**
 * The lifecycle of an alarm: raised, then optionally acknowledged, then resolved; an
 * acknowledged alarm whose condition worsens is raised again (re-alert, IEC 60601-1-8),
 * keeping its id. Every transition is logged.
 */
public enum AlarmState {

	/** The condition is present and nobody has acknowledged it. */
	RAISED,

	/** A clinician has acknowledged the alarm; the condition may still be present. */
	ACKNOWLEDGED,

	/** The condition has ended; terminal. */
	RESOLVED;

	/**
	 * Tells whether the lifecycle allows moving from this state to another one. Allowed:
	 * raised to acknowledged, acknowledged back to raised (re-alert on worsening), raised
	 * or acknowledged to resolved.
	 * @param next the target state
	 * @return {@code true} if the transition is allowed
	 */
	public boolean canMoveTo(AlarmState next) {
		return switch (this) {
			case RAISED -> next == ACKNOWLEDGED || next == RESOLVED;
			case ACKNOWLEDGED -> next == RAISED || next == RESOLVED;
			case RESOLVED -> false;
		};
	}

}
