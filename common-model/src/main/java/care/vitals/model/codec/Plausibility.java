package care.vitals.model.codec;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.parameter.UnitConversion;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;

/**
 * Converts an incoming value to the stored unit and checks it against the parameter's
 * plausible range (CLINICAL.md).
 */
final class Plausibility {

	private Plausibility() {
	}

	/**
	 * Returns the value in the stored unit.
	 * @param parameter the parameter
	 * @param value the value as sent
	 * @param unit the unit as sent, {@code null} for the stored unit
	 * @param context prefix for the detail (e.g. {@code "record 3: "}), may be empty
	 * @throws DecodeFailure with {@link RejectReason#UNSUPPORTED_UNIT} or
	 * {@link RejectReason#IMPLAUSIBLE_VALUE}
	 */
	static double toStored(Parameter parameter, double value, String unit, String context) {
		UnitConversion conversion = parameter.conversion(unit)
			.orElseThrow(() -> new DecodeFailure(RejectReason.UNSUPPORTED_UNIT,
					context + "unit " + Rejection.echo(unit) + " is not accepted for parameter '" + parameter
							+ "' (accepted: " + String.join(", ", parameter.acceptedUnits()) + ")"));
		String name = context + "parameter '" + parameter + "' value ";
		if (!Double.isFinite(value)) {
			throw new DecodeFailure(RejectReason.IMPLAUSIBLE_VALUE, name + "is not a finite number");
		}
		double stored = conversion.toStored(value);
		if (!parameter.isPlausible(stored)) {
			String converted = parameter.storedUnit().equals(conversion.unit()) ? ""
					: " (" + display(value) + " " + conversion.unit() + ")";
			String problem = parameter.plausibleRange().contains(stored) ? " is not a whole number"
					: " outside plausible range " + parameter.plausibleRange();
			throw new DecodeFailure(RejectReason.IMPLAUSIBLE_VALUE,
					name + display(stored) + unitSuffix(parameter) + converted + problem);
		}
		return stored;
	}

	/**
	 * Formats a value for a detail, rounded to 6 decimals so conversion noise such as
	 * {@code 50.00000000000001} reads as {@code 50.0}.
	 */
	static String display(double value) {
		if (Math.abs(value) < 1e9) {
			return Double.toString(Math.round(value * 1e6) / 1e6);
		}
		return Double.toString(value);
	}

	private static String unitSuffix(Parameter parameter) {
		return "1".equals(parameter.storedUnit()) ? "" : " " + parameter.storedUnit();
	}

}
