package care.vitals.model.alarm;

import java.util.List;
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
	 * @param released the resolution of a latched alarm whose condition had ended, which
	 * the acknowledgement released; {@code null} if it was not latched
	 */
	record Acknowledged(AlarmTransition transition, AlarmTransition released) implements AckOutcome {

		/**
		 * Validates the transition.
		 */
		public Acknowledged {
			Objects.requireNonNull(transition, "transition");
		}

		/**
		 * An acknowledgement of an alarm that was not latched.
		 * @param transition the transition
		 */
		public Acknowledged(AlarmTransition transition) {
			this(transition, null);
		}

		/**
		 * @return the acknowledgement, then the release if any
		 */
		public List<AlarmTransition> transitions() {
			return (this.released != null) ? List.of(this.transition, this.released) : List.of(this.transition);
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
