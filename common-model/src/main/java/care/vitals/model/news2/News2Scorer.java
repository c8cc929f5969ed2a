package care.vitals.model.news2;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import care.vitals.model.reading.Consciousness;

/**
 * NEWS2 sub-scores, total and risk exactly per the RCP 2017 chart (see
 * {@code CLINICAL.md}).
 * <p>
 * <b>Values between two chart cells score the worse band.</b> The chart's cells are whole
 * numbers (temperature: tenths); a value between two adjacent cells scores the higher
 * sub-score of the two (see {@code ChartCells}, which also takes values to a resolution
 * of 0.001 first so unit-conversion noise never decides): SpO2 95.5 scores 1 (95: 1, 96:
 * 0), respiration rate 20.5 scores 2, pulse 90.5 scores 1, systolic 100.5 scores 2,
 * temperature 35.05 scores 3 and 38.05 scores 1.
 * <p>
 * <b>SpO2 scale 2</b> (prescribed target 88-92 %) scores 88-92 % as 0 whatever the
 * oxygen, and 93 % or more as 0 on air but 1 (93-94), 2 (95-96) or 3 (97+) on oxygen.
 * When the oxygen flag is unknown, {@link #score} scores scale 2 as on air: a partial
 * score is a lower bound of the full score (see {@link News2Score}).
 * <p>
 * Stateless and thread-safe.
 */
public final class News2Scorer {

	/** Highest possible total: 3 + 3 + 2 + 3 + 3 + 3 + 3. */
	public static final int MAX_TOTAL = 20;

	private News2Scorer() {
	}

	/**
	 * Scores the respiration rate: 8 or less 3, 9-11 1, 12-20 0, 21-24 2, 25 or more 3;
	 * between two whole numbers, the worse (20.5 scores 2).
	 * @param perMinute breaths per minute, finite
	 * @return the sub-score, 0-3
	 */
	public static int respRate(double perMinute) {
		return ChartCells.score(perMinute, 0, News2Scorer::respRateBand);
	}

	private static int respRateBand(long rate) {
		if (rate <= 8) {
			return 3;
		}
		if (rate <= 11) {
			return 1;
		}
		if (rate <= 20) {
			return 0;
		}
		return (rate <= 24) ? 2 : 3;
	}

	/**
	 * Scores SpO2 on the given scale; between two whole numbers, the worse (95.5 scores 1
	 * on scale 1).
	 * @param percent SpO2 in percent, finite
	 * @param scale the patient's scale; never {@code null}
	 * @param onOxygen whether the patient is on supplemental oxygen (matters on scale 2
	 * only)
	 * @return the sub-score, 0-3
	 */
	public static int spo2(double percent, SpO2Scale scale, boolean onOxygen) {
		Objects.requireNonNull(scale, "scale");
		return ChartCells.score(percent, 0, (spo2) -> spo2Band(spo2, scale, onOxygen));
	}

	private static int spo2Band(long spo2, SpO2Scale scale, boolean onOxygen) {
		if (scale == SpO2Scale.SCALE_1) {
			if (spo2 <= 91) {
				return 3;
			}
			if (spo2 <= 93) {
				return 2;
			}
			return (spo2 <= 95) ? 1 : 0;
		}
		if (spo2 <= 83) {
			return 3;
		}
		if (spo2 <= 85) {
			return 2;
		}
		if (spo2 <= 87) {
			return 1;
		}
		if (spo2 <= 92 || !onOxygen) {
			return 0;
		}
		if (spo2 <= 94) {
			return 1;
		}
		return (spo2 <= 96) ? 2 : 3;
	}

	/**
	 * Scores air or oxygen: oxygen 2, air 0.
	 * @param onOxygen whether the patient is on supplemental oxygen
	 * @return 2 or 0
	 */
	public static int airOrOxygen(boolean onOxygen) {
		return onOxygen ? 2 : 0;
	}

	/**
	 * Scores the systolic blood pressure: 90 or less 3, 91-100 2, 101-110 1, 111-219 0,
	 * 220 or more 3; between two whole numbers, the worse (100.5 scores 2).
	 * @param mmHg systolic pressure in mmHg, finite
	 * @return the sub-score, 0-3
	 */
	public static int systolicBp(double mmHg) {
		return ChartCells.score(mmHg, 0, News2Scorer::systolicBpBand);
	}

	private static int systolicBpBand(long pressure) {
		if (pressure <= 90) {
			return 3;
		}
		if (pressure <= 100) {
			return 2;
		}
		if (pressure <= 110) {
			return 1;
		}
		return (pressure <= 219) ? 0 : 3;
	}

	/**
	 * Scores the pulse: 40 or less 3, 41-50 1, 51-90 0, 91-110 1, 111-130 2, 131 or more
	 * 3; between two whole numbers, the worse (90.5 scores 1).
	 * @param perMinute beats per minute, finite
	 * @return the sub-score, 0-3
	 */
	public static int heartRate(double perMinute) {
		return ChartCells.score(perMinute, 0, News2Scorer::heartRateBand);
	}

	private static int heartRateBand(long rate) {
		if (rate <= 40) {
			return 3;
		}
		if (rate <= 50) {
			return 1;
		}
		if (rate <= 90) {
			return 0;
		}
		if (rate <= 110) {
			return 1;
		}
		return (rate <= 130) ? 2 : 3;
	}

	/**
	 * Scores the level of consciousness: alert 0; new confusion, voice, pain or
	 * unresponsive 3.
	 * @param level the ACVPU level; never {@code null}
	 * @return 0 or 3
	 */
	public static int consciousness(Consciousness level) {
		Objects.requireNonNull(level, "level");
		return level.isAlert() ? 0 : 3;
	}

	/**
	 * Scores the temperature by the chart's tenths: 35.0 or less 3, 35.1-36.0 1,
	 * 36.1-38.0 0, 38.1-39.0 1, 39.1 or more 2; between two tenths, the worse (35.05
	 * scores 3).
	 * @param celsius temperature in degrees Celsius, finite
	 * @return the sub-score, 0-3
	 */
	public static int temperature(double celsius) {
		return ChartCells.score(celsius, 1, News2Scorer::temperatureBand);
	}

	private static int temperatureBand(long tenths) {
		if (tenths <= 350) {
			return 3;
		}
		if (tenths <= 360) {
			return 1;
		}
		if (tenths <= 380) {
			return 0;
		}
		return (tenths <= 390) ? 1 : 2;
	}

	/**
	 * Returns the risk band of a score.
	 * @param total the total, 0-{@value #MAX_TOTAL}
	 * @param singleParameterThree whether any one parameter scores 3
	 * @return {@link News2Risk#HIGH} from 7, {@link News2Risk#MEDIUM} at 5-6, else
	 * {@link News2Risk#LOW_MEDIUM} with a single 3, else {@link News2Risk#LOW}
	 * @throws IllegalArgumentException if the total is out of range
	 */
	public static News2Risk risk(int total, boolean singleParameterThree) {
		if (total < 0 || total > MAX_TOTAL) {
			throw new IllegalArgumentException("total must be 0-" + MAX_TOTAL + ", got " + total);
		}
		if (total >= 7) {
			return News2Risk.HIGH;
		}
		if (total >= 5) {
			return News2Risk.MEDIUM;
		}
		return singleParameterThree ? News2Risk.LOW_MEDIUM : News2Risk.LOW;
	}

	/**
	 * Scores one set of observations. Absent values are listed as missing and not
	 * counted, which makes the score partial.
	 * @param inputs the observations; never {@code null}
	 * @param scale the patient's SpO2 scale; never {@code null}
	 * @param at the instant the score is for; never {@code null}
	 * @return the score
	 */
	public static News2Score score(News2Inputs inputs, SpO2Scale scale, Instant at) {
		Objects.requireNonNull(inputs, "inputs");
		return score(inputs, inputs.absent(), Set.of(), scale, at);
	}

	/**
	 * Scores observations of which some are missing or stale.
	 */
	static News2Score score(News2Inputs inputs, Set<News2Parameter> missing, Set<News2Parameter> stale, SpO2Scale scale,
			Instant at) {
		Objects.requireNonNull(scale, "scale");
		Map<News2Parameter, Integer> subScores = new EnumMap<>(News2Parameter.class);
		if (inputs.respRate() != null) {
			subScores.put(News2Parameter.RESP_RATE, respRate(inputs.respRate()));
		}
		if (inputs.spo2() != null) {
			boolean onOxygen = Boolean.TRUE.equals(inputs.oxygen());
			subScores.put(News2Parameter.SPO2, spo2(inputs.spo2(), scale, onOxygen));
		}
		if (inputs.oxygen() != null) {
			subScores.put(News2Parameter.AIR_OR_OXYGEN, airOrOxygen(inputs.oxygen()));
		}
		if (inputs.systolicBp() != null) {
			subScores.put(News2Parameter.SYSTOLIC_BP, systolicBp(inputs.systolicBp()));
		}
		if (inputs.heartRate() != null) {
			subScores.put(News2Parameter.HEART_RATE, heartRate(inputs.heartRate()));
		}
		if (inputs.consciousness() != null) {
			subScores.put(News2Parameter.CONSCIOUSNESS, consciousness(inputs.consciousness()));
		}
		if (inputs.temperature() != null) {
			subScores.put(News2Parameter.TEMPERATURE, temperature(inputs.temperature()));
		}
		int total = 0;
		boolean three = false;
		for (int subScore : subScores.values()) {
			total += subScore;
			three |= subScore == 3;
		}
		return new News2Score(total, risk(total, three), subScores, scale, missing, stale, at);
	}

}
