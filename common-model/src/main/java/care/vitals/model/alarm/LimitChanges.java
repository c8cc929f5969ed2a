package care.vitals.model.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import care.vitals.model.parameter.Parameter;

/**
 * Describes how a patient's limit rule is less strict than the default (CLINICAL.md,
 * principle 7): switched off, a longer delay, or a limit wider or removed. A stricter
 * rule (narrower limits, a shorter delay) is not a risk and is not described.
 */
public final class LimitChanges {

	private LimitChanges() {
	}

	/**
	 * @param rule the rule in force
	 * @param defaults the default rule of the parameter
	 * @param who who changed it
	 * @param when when
	 * @return what is less strict, with who and when ({@code SpO2: low 86 → 80, by
	 * nurse-1 at …}), or empty if nothing is
	 */
	public static Optional<String> describe(ThresholdRule rule, ThresholdRule defaults, String who, Instant when) {
		Parameter parameter = rule.parameter();
		List<String> what = new ArrayList<>();
		if (!rule.enabled()) {
			what.add("alarm off");
		}
		else {
			if (rule.delay().compareTo(defaults.delay()) > 0) {
				what.add("delay " + rule.delay().toSeconds() + " s (default " + defaults.delay().toSeconds() + " s)");
			}
			wider(what, parameter, "critical low", rule.criticalLow(), defaults.criticalLow(), true);
			wider(what, parameter, "low", rule.low(), defaults.low(), true);
			wider(what, parameter, "high", rule.high(), defaults.high(), false);
			wider(what, parameter, "critical high", rule.criticalHigh(), defaults.criticalHigh(), false);
		}
		if (what.isEmpty()) {
			return Optional.empty();
		}
		return Optional
			.of(Labels.name(parameter) + " limit changed: " + String.join(", ", what) + "; by " + who + " at " + when);
	}

	private static void wider(List<String> what, Parameter parameter, String name, Double limit, Double standard,
			boolean low) {
		if (standard == null) {
			return;
		}
		if (limit == null) {
			what.add(name + " none (default " + Labels.quantity(parameter, standard) + ")");
		}
		else if (low ? limit < standard : limit > standard) {
			what.add(name + " " + Labels.quantity(parameter, limit) + " (default "
					+ Labels.quantity(parameter, standard) + ")");
		}
	}

}
