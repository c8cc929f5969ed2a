package care.vitals.model.alarm;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The patients the {@link AlarmEngine} keeps state for, by patient id. State follows the
 * patient, not the device; the {@link PatientContext} of the latest input labels the
 * patient's alarms, so after a transfer an alarm's later transitions and the active list
 * carry the new ward and bed. Not synchronized: the engine calls it under its own lock.
 */
final class Patients {

	/** Looked up for every input (a hash, not a tree walk of string comparisons). */
	private final Map<String, PatientState> byId = new HashMap<>();

	/** The same states in patient id order, for {@link #all()}. */
	private final Map<String, PatientState> ordered = new TreeMap<>();

	private final ActiveAlarms alarms;

	Patients(ActiveAlarms alarms) {
		this.alarms = alarms;
	}

	/** The state of a patient, or {@code null} if the engine never saw them. */
	PatientState get(String patient) {
		return this.byId.get(patient);
	}

	/** The state of a patient, created empty (no context yet) if new. */
	PatientState getOrCreate(String patient) {
		PatientState state = this.byId.get(patient);
		if (state == null) {
			state = new PatientState(patient);
			this.byId.put(patient, state);
			this.ordered.put(patient, state);
		}
		return state;
	}

	/**
	 * The state of the patient of an input, created if new; a context other than the one
	 * held (a transfer) relabels the patient's active alarms.
	 */
	PatientState at(PatientContext context) {
		Objects.requireNonNull(context, "context");
		PatientState state = getOrCreate(context.patient());
		if (!context.equals(state.context)) {
			state.context = context;
			this.alarms.relabel(state, context);
		}
		return state;
	}

	/** Forgets a patient; returns their state, or {@code null} if unknown. */
	PatientState remove(String patient) {
		this.ordered.remove(patient);
		return this.byId.remove(patient);
	}

	/** Every patient, in patient id order. */
	Collection<PatientState> all() {
		return this.ordered.values();
	}

}
