package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import care.vitals.model.parameter.Parameter;

/**
 * Whether the sources of one patient agree (CLINICAL.md, principle 2: two fresh sources
 * that disagree are not averaged away, the disagreement is visible). Two devices measure
 * the same parameter of one patient and their values, each at most {@link #FRESH} apart
 * in time, differ by more than the parameter's {@linkplain #margin clinical margin}:
 * after {@link #HOLD} of continuous disagreement the engine raises
 * {@code sources_disagree}; it resolves after {@link #HOLD} without disagreement (or with
 * one source left).
 * <p>
 * Margins (a difference larger than a probe's error or beat-to-beat variation): SpO2 4 %,
 * heart rate 10 /min, respiration rate 5 /min, temperature 0.5 °C, systolic 15 mmHg,
 * diastolic and mean 10 mmHg. Other parameters are not compared.
 */
final class SourceAgreement {

	/** Values further apart in time are not compared. */
	static final Duration FRESH = Duration.ofSeconds(30);

	/** How long a disagreement (or an agreement) must last to change the alarm. */
	static final Duration HOLD = Duration.ofSeconds(30);

	private static final Map<Parameter, Double> MARGINS = new EnumMap<>(
			Map.of(Parameter.SPO2, 4.0, Parameter.HEART_RATE, 10.0, Parameter.RESP_RATE, 5.0, Parameter.TEMPERATURE,
					0.5, Parameter.SYSTOLIC_BP, 15.0, Parameter.DIASTOLIC_BP, 10.0, Parameter.MEAN_BP, 10.0));

	private static final int PARAMETERS = Parameter.values().length;

	/**
	 * Each source's latest value of each compared parameter, by device and parameter
	 * ordinal (one map per patient, not one per parameter).
	 */
	private final Map<String, Value[]> latest = new HashMap<>();

	/**
	 * The comparison of each parameter, by ordinal; {@code null} until a parameter has
	 * two sources or an active alarm (a patient with one monitor never compares).
	 */
	private State[] states;

	/**
	 * The clinical margin of a parameter.
	 * @param parameter the parameter
	 * @return the margin in stored units, or {@code null} if it is not compared
	 */
	static Double margin(Parameter parameter) {
		return MARGINS.get(parameter);
	}

	/**
	 * Takes one value and tells what the alarm should now be.
	 * @return {@link Verdict#RAISE}, {@link Verdict#RESOLVE} or {@link Verdict#KEEP}
	 */
	Verdict observe(Parameter parameter, String device, double value, Instant at, boolean active) {
		Double margin = MARGINS.get(parameter);
		if (margin == null) {
			return Verdict.KEEP;
		}
		int index = parameter.ordinal();
		Value[] mine = this.latest.computeIfAbsent(device, (d) -> new Value[PARAMETERS]);
		Value previous = mine[index];
		if (previous != null && at.isBefore(previous.at())) {
			return Verdict.KEEP;
		}
		mine[index] = new Value(value, at);
		State state = (this.states != null) ? this.states[index] : null;
		if (sources(index) == 1 && (state == null || state.disagreeSince == null) && !active) {
			// one source only (the common case): nothing to compare
			return Verdict.KEEP;
		}
		if (state == null) {
			if (this.states == null) {
				this.states = new State[PARAMETERS];
			}
			state = new State();
			this.states[index] = state;
		}
		state.other = null;
		for (Map.Entry<String, Value[]> entry : this.latest.entrySet()) {
			Value other = entry.getValue()[index];
			if (other != null && !entry.getKey().equals(device)
					&& Duration.between(other.at(), at).abs().compareTo(FRESH) <= 0
					&& Math.abs(other.value() - value) > margin) {
				state.other = entry.getKey();
			}
		}
		if (state.other != null) {
			state.agreeSince = null;
			state.disagreeSince = (state.disagreeSince != null) ? state.disagreeSince : at;
			return (!active && !at.isBefore(state.disagreeSince.plus(HOLD))) ? Verdict.RAISE : Verdict.KEEP;
		}
		state.disagreeSince = null;
		if (!active) {
			return Verdict.KEEP;
		}
		state.agreeSince = (state.agreeSince != null) ? state.agreeSince : at;
		return !at.isBefore(state.agreeSince.plus(HOLD)) ? Verdict.RESOLVE : Verdict.KEEP;
	}

	/**
	 * Describes the disagreement of a parameter for the alarm message.
	 */
	String describe(Parameter parameter, String device) {
		int index = parameter.ordinal();
		State state = (this.states != null) ? this.states[index] : null;
		Value mine = value(device, index);
		Value theirs = (state != null && state.other != null) ? value(state.other, index) : null;
		if (mine == null || theirs == null) {
			return Labels.name(parameter) + " sources disagree";
		}
		return Labels.name(parameter) + " sources disagree: " + device + " " + Labels.quantity(parameter, mine.value())
				+ ", " + state.other + " " + Labels.quantity(parameter, theirs.value());
	}

	/** Forgets a device (unassigned). */
	void forget(String device) {
		this.latest.remove(device);
	}

	/** How many sources sent a value of a parameter. */
	private int sources(int index) {
		int sources = 0;
		for (Value[] values : this.latest.values()) {
			if (values[index] != null) {
				sources++;
			}
		}
		return sources;
	}

	private Value value(String device, int index) {
		Value[] values = this.latest.get(device);
		return (values != null) ? values[index] : null;
	}

	/** What the alarm should do. */
	enum Verdict {

		RAISE, RESOLVE, KEEP

	}

	private static final class State {

		/** The source the last value disagreed with, or {@code null}. */
		String other;

		Instant disagreeSince;

		Instant agreeSince;

	}

	private record Value(double value, Instant at) {

	}

}
