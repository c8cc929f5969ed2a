package care.vitals.model.codec;

import java.time.Instant;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.parameter.UnitConversion;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;

/**
 * Converts an incoming value to the stored unit and checks it against the parameter's
 * plausible (possible) range (CLINICAL.md).
 */
final class Plausibility {

	private Plausibility() {
	}

	/**
	 * Returns the value in the stored unit, or throws for the whole message (used where a
	 * bad value rejects the whole message, e.g. the battery of a status message).
	 * @param parameter the parameter
	 * @param value the value as sent
	 * @param unit the unit as sent, {@code null} for the stored unit
	 * @param context prefix for the detail (e.g. {@code "record 3: "}), may be empty
	 * @throws DecodeFailure with {@link RejectReason#UNSUPPORTED_UNIT} or
	 * {@link RejectReason#IMPLAUSIBLE_VALUE}
	 */
	static double toStored(Parameter parameter, double value, String unit, String context) {
		Rejection rejection = check(parameter, value, unit, context);
		if (rejection != null) {
			throw new DecodeFailure(rejection.reason(), rejection.detail());
		}
		return parameter.conversion(unit).orElseThrow().toStored(value);
	}

	/**
	 * Checks one measured value: returns it in the stored unit, or the rejected value
	 * with its reason. Never throws.
	 * @param parameter the parameter
	 * @param value the value as sent
	 * @param unit the unit as sent, {@code null} for the stored unit
	 * @param context prefix for the detail (e.g. {@code "record 3: "}), may be empty
	 * @param timestamp the resolved time of the record or reading the value belongs to
	 * @return the stored value or the rejected value
	 */
	static Checked checkValue(Parameter parameter, double value, String unit, String context, Instant timestamp) {
		Rejection rejection = check(parameter, value, unit, context);
		if (rejection != null) {
			return new Checked(null, new RejectedValue(parameter, sent(parameter, value, unit), timestamp, rejection));
		}
		return new Checked(parameter.conversion(unit).orElseThrow().toStored(value), null);
	}

	/**
	 * Returns why a value is rejected, or {@code null} if it is possible.
	 */
	private static Rejection check(Parameter parameter, double value, String unit, String context) {
		UnitConversion conversion = parameter.conversion(unit).orElse(null);
		if (conversion == null) {
			return new Rejection(RejectReason.UNSUPPORTED_UNIT,
					context + "unit " + Rejection.echo(unit) + " is not accepted for parameter '" + parameter
							+ "' (accepted: " + String.join(", ", parameter.acceptedUnits()) + ")");
		}
		if (!Double.isFinite(value)) {
			return new Rejection(RejectReason.IMPLAUSIBLE_VALUE, name(parameter, context) + "is not a finite number");
		}
		double stored = conversion.toStored(value);
		if (!parameter.isPlausible(stored)) {
			String name = name(parameter, context);
			String converted = parameter.storedUnit().equals(conversion.unit()) ? ""
					: " (" + display(value) + " " + conversion.unit() + ")";
			String problem = parameter.plausibleRange().contains(stored) ? " is not a whole number"
					: " outside plausible range " + parameter.plausibleRange();
			return new Rejection(RejectReason.IMPLAUSIBLE_VALUE,
					name + display(stored) + unitSuffix(parameter) + converted + problem);
		}
		return null;
	}

	/**
	 * The start of a detail; only built for a rejection (it was once built for every
	 * value).
	 */
	private static String name(Parameter parameter, String context) {
		return context + "parameter '" + parameter + "' value ";
	}

	/**
	 * The value as sent with its unit (as sent, else the stored unit; none for the
	 * dimensionless {@code 1}), e.g. {@code 150.0 %}, {@code 98.6 F} or {@code NaN}.
	 */
	private static String sent(Parameter parameter, double value, String unit) {
		String shown = (unit != null) ? unit : parameter.storedUnit();
		return "1".equals(shown) || !Double.isFinite(value) ? display(value) : display(value) + " " + shown;
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

	/**
	 * The outcome of checking one value: exactly one of the two is non-null.
	 *
	 * @param stored the value in the stored unit, or {@code null} if rejected
	 * @param rejected the rejected value, or {@code null} if the value is possible
	 */
	record Checked(Double stored, RejectedValue rejected) {

	}

}
