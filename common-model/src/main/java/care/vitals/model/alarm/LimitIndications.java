package care.vitals.model.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.model.parameter.Parameter;

/**
 * The {@value AlarmKinds#LIMIT_CHANGED} indications: one per parameter of a patient whose
 * limit is less strict than the default (off, delayed longer or wider), on the bed's list
 * with what changed, who changed it and when, while the change is in force. Its priority
 * and lifecycle policies (never latching, never escalating) are the {@link RiskTable}'s.
 * Not synchronized: the {@link AlarmEngine} calls it under its own lock.
 */
final class LimitIndications {

	private final ActiveAlarms alarms;

	LimitIndications(ActiveAlarms alarms) {
		this.alarms = alarms;
	}

	/**
	 * Shows, updates or (text {@code null}) removes the indication of one parameter.
	 * @return the transitions caused
	 */
	List<AlarmTransition> indicate(PatientState state, Parameter parameter, String text, Instant at) {
		String key = key(parameter);
		AlarmPriority priority = RiskTable.priority(AlarmKinds.LIMIT_CHANGED);
		List<AlarmTransition> out = new ArrayList<>();
		if (text == null) {
			this.alarms.end(state, key, at, out);
		}
		else if (this.alarms.isActive(state, key)) {
			AlarmTransition update = this.alarms.update(state, key, AlarmKinds.LIMIT_CHANGED, priority, text, null, at,
					false);
			if (update != null) {
				out.add(update);
			}
		}
		else {
			out.add(this.alarms.raise(state, key, priority, AlarmKinds.LIMIT_CHANGED, null, text, null, at));
		}
		return out;
	}

	/**
	 * The condition key of a restored indication, by the parameter its text names
	 * ({@code "SpO2 limit changed ..."}); {@code null} if it names none. It is kept while
	 * the retained settings say so (the settings apply it again).
	 */
	static String restoreKey(Alarm alarm) {
		for (Parameter parameter : Parameter.values()) {
			if (alarm.message().startsWith(Labels.name(parameter) + " limit changed")) {
				return key(parameter);
			}
		}
		return null;
	}

	private static String key(Parameter parameter) {
		return AlarmKinds.LIMIT_CHANGED + "/" + parameter.canonicalName();
	}

}
