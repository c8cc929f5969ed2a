package care.vitals.ingest.patient;

import care.vitals.model.assignment.Assignment;

/**
 * Whose a reading is: the assignment its device had at the reading's own time, or why
 * nobody's.
 */
public sealed interface Attribution {

	/**
	 * The device was assigned at that time.
	 *
	 * @param assignment the assignment then (patient, ward and bed where the reading was
	 * taken)
	 */
	record Assigned(Assignment assignment) implements Attribution {
	}

	/**
	 * Nobody's: stored with {@code patient=unassigned} and this reason, never scored.
	 *
	 * @param reason the reason code, stored in the {@code unassigned} field
	 */
	record Unassigned(String reason) implements Attribution {

		/** The device has no known assignment at all. */
		public static final Unassigned NEVER_ASSIGNED = new Unassigned("never_assigned");

		/**
		 * The reading is older than the oldest assignment known (e.g. a buffered reading
		 * from before the assignment the ingest learnt at start).
		 */
		public static final Unassigned BEFORE_KNOWN_ASSIGNMENT = new Unassigned("before_known_assignment");

		/** The reading falls after a discharge or between two assignments. */
		public static final Unassigned NOT_ASSIGNED_THEN = new Unassigned("not_assigned_then");

	}

}
