package care.vitals.model.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import care.vitals.model.alarm.LimitTracker.Limits;
import care.vitals.model.alarm.LimitTracker.Side;
import care.vitals.model.alarm.LimitTracker.Step;
import care.vitals.model.alarm.LimitTracker.Tier;
import care.vitals.model.alarm.PatientState.Assertion;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;

/**
 * Clinical limit alarms: they follow {@link ThresholdRule} (delay, escalation,
 * hysteresis), evaluated on data time. Crossing a further limit (e.g. SpO2 below the
 * critical 85 % while the 90 % alarm is active) raises the priority of the same alarm in
 * place, keeping its id and {@code since}, and raises it again if it was acknowledged
 * (re-alert); it never de-escalates within an episode; values older than the last one of
 * their parameter are ignored (backfill never moves an alarm). Each source (device) runs
 * its own {@link LimitTracker} per side, so two devices never reset each other; the
 * patient's alarm of a kind is the worst any source confirmed. A per-patient override
 * replaces a parameter's rule; disabling a rule resolves its alarms. Values of the same
 * parameter from different sources are also checked for agreement
 * ({@link SourceAgreement}, {@value AlarmKinds#SOURCES_DISAGREE}).
 */
final class LimitAlarms {

	private static final String SOURCES_KEY = "sources/";

	/** The condition key of each parameter's disagreement (looked up for every value). */
	private static final Map<Parameter, String> SOURCE_KEYS = sourceKeys();

	private final AlarmRules rules;

	private final ActiveAlarms alarms;

	LimitAlarms(AlarmRules rules, ActiveAlarms alarms) {
		this.rules = rules;
		this.alarms = alarms;
	}

	/** The rules in force for a patient ({@code null} if unknown). */
	AlarmRules rules(PatientState state) {
		AlarmRules effective = this.rules;
		if (state != null) {
			for (ThresholdRule rule : state.overrides.values()) {
				effective = effective.with(rule);
			}
		}
		return effective;
	}

	List<AlarmTransition> override(PatientState state, ThresholdRule rule, Instant at) {
		state.overrides.put(rule.parameter(), rule);
		return afterRuleChange(state, rule.parameter(), at);
	}

	/**
	 * Returns a parameter to the default rule ({@code state} {@code null} if unknown).
	 */
	List<AlarmTransition> clearOverride(PatientState state, Parameter parameter, Instant at) {
		if (state == null || state.overrides.remove(parameter) == null) {
			return List.of();
		}
		return afterRuleChange(state, parameter, at);
	}

	/** Runs every value of a reading through its limits. */
	void onReading(PatientState state, DeviceState device, Reading reading, List<AlarmTransition> out) {
		Instant at = reading.timestamp();
		for (Map.Entry<Parameter, Double> value : reading.values().entrySet()) {
			clinical(state, device, value.getKey(), value.getValue(), at, out);
		}
	}

	/**
	 * Forgets the running delays of a device's trackers (after an artefact): its next
	 * values start afresh.
	 * @param parameters the parameters; empty means all
	 */
	static void interrupt(PatientState state, String device, Set<Parameter> parameters) {
		PatientState.SourceLimits source = state.sources.get(device);
		if (source == null) {
			return;
		}
		for (Parameter parameter : parameters.isEmpty() ? Set.of(Parameter.values()) : parameters) {
			for (Side side : Side.values()) {
				LimitTracker tracker = source.existingTracker(slot(parameter, side));
				if (tracker != null) {
					tracker.interrupt();
				}
			}
		}
	}

	/** Whether an alarm kind is a limit alarm. */
	static boolean holds(String kind) {
		for (Parameter parameter : Parameter.values()) {
			for (Side side : Side.values()) {
				if (kind.equals(kind(parameter, side))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The condition key of a restored {@value AlarmKinds#SOURCES_DISAGREE} alarm, by the
	 * parameter its text names; held until the sources agree (or one is left) for the
	 * hold period.
	 * @param alarm the alarm
	 * @return its key, or {@code null} if its text names no parameter
	 */
	static String restoreDisagreement(Alarm alarm) {
		for (Parameter parameter : Parameter.values()) {
			if (alarm.message().startsWith(Labels.name(parameter) + " sources disagree")) {
				return SOURCES_KEY + parameter.canonicalName();
			}
		}
		return null;
	}

	/**
	 * Holds a restored limit alarm as if its source had confirmed it.
	 * @param alarm the alarm, of a limit kind and with a device
	 * @return its condition key, or {@code null} if no limit of the rule in force has its
	 * priority
	 */
	String restore(PatientState state, Alarm alarm) {
		String kind = alarm.kind();
		for (Parameter parameter : Parameter.values()) {
			for (Side side : Side.values()) {
				if (kind.equals(kind(parameter, side))) {
					Optional<Limits> limits = Optional.ofNullable(rule(state, parameter))
						.flatMap((rule) -> Limits.of(rule, side));
					Tier tier = limits
						.flatMap((l) -> l.tiers().stream().filter((t) -> t.priority() == alarm.priority()).findFirst())
						.orElse(null);
					if (tier == null) {
						return null;
					}
					state.source(alarm.device())
						.hold(slot(parameter, side), new Assertion(alarm.device(), tier,
								(alarm.value() != null) ? alarm.value() : tier.limit()));
					return kind;
				}
			}
		}
		return null;
	}

	private ThresholdRule rule(PatientState state, Parameter parameter) {
		ThresholdRule override = state.overrides.get(parameter);
		return (override != null) ? override : this.rules.thresholds().get(parameter);
	}

	private List<AlarmTransition> afterRuleChange(PatientState state, Parameter parameter, Instant at) {
		List<AlarmTransition> out = new ArrayList<>();
		ThresholdRule rule = rule(state, parameter);
		for (Side side : Side.values()) {
			int slot = slot(parameter, side);
			boolean off = rule == null || !rule.enabled() || Limits.of(rule, side).isEmpty();
			for (PatientState.SourceLimits source : state.sources.values()) {
				LimitTracker tracker = source.existingTracker(slot);
				if (tracker != null) {
					tracker.interrupt();
				}
				if (off) {
					source.hold(slot, null);
				}
			}
			if (off) {
				this.alarms.resolve(state, kind(parameter, side), at, out);
			}
		}
		return out;
	}

	/**
	 * One value of one source: runs that source's own tracker per side, then sets the
	 * patient's alarm of that kind to the worst any source confirmed (raised or escalated
	 * at once; resolved only when no source holds it), and checks that the sources agree.
	 */
	private void clinical(PatientState state, DeviceState device, Parameter parameter, double value, Instant at,
			List<AlarmTransition> out) {
		ThresholdRule rule = rule(state, parameter);
		if (rule == null || !rule.enabled() || !parameter.isPlausible(value) || device.isArtefact(parameter, at)) {
			return;
		}
		for (Side side : Side.BOTH) {
			Optional<Limits> limits = Limits.of(rule, side);
			if (limits.isEmpty()) {
				continue;
			}
			String kind = kind(parameter, side);
			int slot = slot(parameter, side);
			PatientState.SourceLimits source = state.source(device.deviceId);
			Assertion mine = (heldByNone(state, slot)) ? adopt(state, kind, limits.get(), device.deviceId, value)
					: source.assertion(slot);
			Step step = source.tracker(slot)
				.evaluate(limits.get(), value, at, (mine != null) ? mine.tier().priority() : null);
			if (step.resolve()) {
				source.hold(slot, null);
			}
			else if (step.raise() != null) {
				source.hold(slot, new Assertion(device.deviceId, step.raise(), value));
			}
			else if (mine != null) {
				source.hold(slot, new Assertion(device.deviceId, mine.tier(), value));
			}
			worstOfSources(state, parameter, side, slot, at, out);
		}
		agreement(state, parameter, device.deviceId, value, at, out);
	}

	/**
	 * An active alarm that no source holds any more (its source was unassigned, or it was
	 * restored): the first source to send that parameter takes it over, so only a
	 * sustained clear of that source (hysteresis and clear delay) resolves it. A monitor
	 * swapped on a patient at SpO2 80 % keeps the alarm, its id and its acknowledgement.
	 */
	private Assertion adopt(PatientState state, String kind, Limits limits, String device, double value) {
		AlarmPriority active = this.alarms.priority(state, kind);
		if (active == null) {
			return null;
		}
		for (Tier tier : limits.tiers()) {
			if (tier.priority() == active) {
				return new Assertion(device, tier, value);
			}
		}
		return null;
	}

	/** Whether no source holds a slot's limit confirmed. */
	private static boolean heldByNone(PatientState state, int slot) {
		for (PatientState.SourceLimits source : state.sources.values()) {
			if (source.assertion(slot) != null) {
				return false;
			}
		}
		return true;
	}

	private void worstOfSources(PatientState state, Parameter parameter, Side side, int slot, Instant at,
			List<AlarmTransition> out) {
		String kind = kind(parameter, side);
		Assertion worst = null;
		for (PatientState.SourceLimits source : state.sources.values()) {
			Assertion assertion = source.assertion(slot);
			if (assertion != null
					&& (worst == null || assertion.tier().priority().compareTo(worst.tier().priority()) < 0)) {
				worst = assertion;
			}
		}
		AlarmPriority active = this.alarms.priority(state, kind);
		if (worst == null) {
			this.alarms.resolve(state, kind, at, out);
		}
		else if (active == null || worst.tier().priority().compareTo(active) < 0) {
			String message = Labels.name(parameter) + " " + Labels.quantity(parameter, worst.value())
					+ ((side == Side.LOW) ? " below " : " above ") + Labels.quantity(parameter, worst.tier().limit());
			if (active == null) {
				out.add(this.alarms.raise(state, kind, worst.tier().priority(), kind, worst.device(), message,
						worst.value(), at));
			}
			else {
				// a further limit crossed: the same episode, escalated in place and
				// raised
				// again if it was acknowledged (re-alert, IEC 60601-1-8)
				out.add(this.alarms.update(state, kind, kind, worst.tier().priority(), message, worst.value(), at,
						true));
			}
		}
	}

	private void agreement(PatientState state, Parameter parameter, String device, double value, Instant at,
			List<AlarmTransition> out) {
		String key = SOURCE_KEYS.get(parameter);
		boolean active = this.alarms.isActive(state, key);
		switch (state.agreement.observe(parameter, device, value, at, active)) {
			case RAISE -> out.add(this.alarms.raise(state, key, RiskTable.priority(AlarmKinds.SOURCES_DISAGREE),
					AlarmKinds.SOURCES_DISAGREE, null, state.agreement.describe(parameter, device), null, at));
			case RESOLVE -> this.alarms.resolve(state, key, at, out);
			default -> {
			}
		}
	}

	private static Map<Parameter, String> sourceKeys() {
		Map<Parameter, String> keys = new EnumMap<>(Parameter.class);
		for (Parameter parameter : Parameter.values()) {
			keys.put(parameter, SOURCES_KEY + parameter.canonicalName());
		}
		return Collections.unmodifiableMap(keys);
	}

	/** Where a parameter's side is kept in a source's trackers and assertions. */
	static int slot(Parameter parameter, Side side) {
		return parameter.ordinal() * Side.BOTH.size() + side.ordinal();
	}

	private static String kind(Parameter parameter, Side side) {
		return (side == Side.LOW) ? AlarmKinds.low(parameter) : AlarmKinds.high(parameter);
	}

}
