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

	private final Map<Parameter, State> parameters = new EnumMap<>(Parameter.class);

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
		State state = this.parameters.computeIfAbsent(parameter, (p) -> new State());
		Value previous = state.latest.get(device);
		if (previous != null && at.isBefore(previous.at())) {
			return Verdict.KEEP;
		}
		state.latest.put(device, new Value(value, at));
		if (state.latest.size() == 1 && state.disagreeSince == null && !active) {
			// one source only (the common case): nothing to compare
			return Verdict.KEEP;
		}
		state.other = null;
		for (Map.Entry<String, Value> entry : state.latest.entrySet()) {
			Value other = entry.getValue();
			if (!entry.getKey().equals(device) && Duration.between(other.at(), at).abs().compareTo(FRESH) <= 0
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
		State state = this.parameters.get(parameter);
		Value mine = state.latest.get(device);
		Value theirs = (state.other != null) ? state.latest.get(state.other) : null;
		if (mine == null || theirs == null) {
			return Labels.name(parameter) + " sources disagree";
		}
		return Labels.name(parameter) + " sources disagree: " + device + " " + Labels.quantity(parameter, mine.value())
				+ ", " + state.other + " " + Labels.quantity(parameter, theirs.value());
	}

	/** Forgets a device (unassigned). */
	void forget(String device) {
		this.parameters.values().forEach((state) -> state.latest.remove(device));
	}

	/** What the alarm should do. */
	enum Verdict {

		RAISE, RESOLVE, KEEP

	}

	private static final class State {

		final Map<String, Value> latest = new HashMap<>();

		String other;

		Instant disagreeSince;

		Instant agreeSince;

	}

	private record Value(double value, Instant at) {

	}

}
