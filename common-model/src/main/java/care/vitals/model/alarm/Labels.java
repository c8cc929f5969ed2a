package care.vitals.model.alarm;

import java.math.BigDecimal;
import java.math.RoundingMode;

import care.vitals.model.parameter.Parameter;

/**
 * Display names, units and number formatting for alarm messages.
 */
final class Labels {

	private Labels() {
	}

	static String name(Parameter parameter) {
		return switch (parameter) {
			case SPO2 -> "SpO2";
			case HEART_RATE -> "Heart rate";
			case RESP_RATE -> "Resp. rate";
			case SYSTOLIC_BP -> "Systolic BP";
			case DIASTOLIC_BP -> "Diastolic BP";
			case MEAN_BP -> "Mean BP";
			case TEMPERATURE -> "Temperature";
			case GLUCOSE -> "Glucose";
			default -> parameter.canonicalName();
		};
	}

	static String quantity(Parameter parameter, double value) {
		String unit = switch (parameter) {
			case SPO2, BATTERY -> "%";
			case SYSTOLIC_BP, DIASTOLIC_BP, MEAN_BP -> " mmHg";
			case TEMPERATURE -> " °C";
			default -> " " + parameter.storedUnit();
		};
		return number(value) + unit;
	}

	/**
	 * Formats a number with at most one decimal and no trailing zero: 84, 35.1.
	 */
	static String number(double value) {
		return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

}
