package care.vitals.model.news2;

import java.util.EnumSet;
import java.util.Set;

import care.vitals.model.reading.Consciousness;

/**
 * One set of NEWS2 observations, in stored units, unrounded. A {@code null} component is
 * a parameter without a usable value (never reported, or stale); the score of such a set
 * is partial.
 *
 * @param respRate respiration rate, per minute, finite; or {@code null}
 * @param spo2 SpO2, percent, finite; or {@code null}
 * @param oxygen {@code true} on supplemental oxygen, {@code false} on air; or
 * {@code null} if unknown
 * @param systolicBp systolic blood pressure, mmHg, finite; or {@code null}
 * @param heartRate pulse, per minute, finite; or {@code null}
 * @param consciousness ACVPU level; or {@code null}
 * @param temperature temperature, degrees Celsius, finite; or {@code null}
 */
public record News2Inputs(Double respRate, Double spo2, Boolean oxygen, Double systolicBp, Double heartRate,
		Consciousness consciousness, Double temperature) {

	/**
	 * Validates that every present value is finite.
	 * @throws IllegalArgumentException if a value is NaN or infinite
	 */
	public News2Inputs {
		requireFinite(respRate, "respRate");
		requireFinite(spo2, "spo2");
		requireFinite(systolicBp, "systolicBp");
		requireFinite(heartRate, "heartRate");
		requireFinite(temperature, "temperature");
	}

	/**
	 * Returns a set with no observations at all.
	 * @return the empty set
	 */
	public static News2Inputs none() {
		return new News2Inputs(null, null, null, null, null, null, null);
	}

	/**
	 * Returns the parameters that have no value in this set.
	 * @return the missing parameters in chart order, modifiable copy
	 */
	public Set<News2Parameter> absent() {
		Set<News2Parameter> absent = EnumSet.noneOf(News2Parameter.class);
		addIfNull(absent, this.respRate, News2Parameter.RESP_RATE);
		addIfNull(absent, this.spo2, News2Parameter.SPO2);
		addIfNull(absent, this.oxygen, News2Parameter.AIR_OR_OXYGEN);
		addIfNull(absent, this.systolicBp, News2Parameter.SYSTOLIC_BP);
		addIfNull(absent, this.heartRate, News2Parameter.HEART_RATE);
		addIfNull(absent, this.consciousness, News2Parameter.CONSCIOUSNESS);
		addIfNull(absent, this.temperature, News2Parameter.TEMPERATURE);
		return absent;
	}

	private static void addIfNull(Set<News2Parameter> absent, Object value, News2Parameter parameter) {
		if (value == null) {
			absent.add(parameter);
		}
	}

	private static void requireFinite(Double value, String name) {
		if (value != null && !Double.isFinite(value)) {
			throw new IllegalArgumentException(name + " must be finite");
		}
	}

}
