package care.vitals.burden;

import java.util.Optional;

import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.parameter.Parameter;

/**
 * Which alarm kinds are clinical and which parameter and side a limit kind names.
 */
final class Kinds {

	private Kinds() {
	}

	static boolean news2(String kind) {
		return kind.startsWith("news2_");
	}

	static boolean clinical(String kind) {
		return news2(kind) || limitParameter(kind).isPresent();
	}

	/**
	 * The vital sign of a clinical limit alarm kind ({@code spo2_low}), or empty (also
	 * for {@code battery_low}, a technical alarm).
	 */
	static Optional<Parameter> limitParameter(String kind) {
		for (Parameter parameter : Parameter.values()) {
			if (parameter.loinc() != null && kind.equals(AlarmKinds.low(parameter))
					|| kind.equals(AlarmKinds.high(parameter))) {
				return Optional.of(parameter);
			}
		}
		return Optional.empty();
	}

	static boolean lowSide(String kind) {
		return kind.endsWith("_low");
	}

}
