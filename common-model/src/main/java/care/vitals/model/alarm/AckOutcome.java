package care.vitals.model.alarm;

import java.util.Objects;

/**
 * The result of acknowledging an alarm.
 */
public sealed interface AckOutcome
		permits AckOutcome.Acknowledged, AckOutcome.AlreadyAcknowledged, AckOutcome.NotActive {

	/**
	 * The alarm was raised and is now acknowledged.
	 *
	 * @param transition the transition to log and publish; never {@code null}
	 */
	record Acknowledged(AlarmTransition transition) implements AckOutcome {

		/**
		 * Validates the transition.
		 */
		public Acknowledged {
			Objects.requireNonNull(transition, "transition");
		}

	}

	/**
	 * The alarm had been acknowledged already; nothing changed (acknowledging is
	 * idempotent).
	 *
	 * @param alarm the alarm as it is; never {@code null}
	 */
	record AlreadyAcknowledged(Alarm alarm) implements AckOutcome {

		/**
		 * Validates the alarm.
		 */
		public AlreadyAcknowledged {
			Objects.requireNonNull(alarm, "alarm");
		}

	}

	/**
	 * No active alarm has this id: it never existed or is resolved (terminal).
	 *
	 * @param alarmId the id asked for; never {@code null}
	 */
	record NotActive(String alarmId) implements AckOutcome {

		/**
		 * Validates the id.
		 */
		public NotActive {
			Objects.requireNonNull(alarmId, "alarmId");
		}

	}

}
