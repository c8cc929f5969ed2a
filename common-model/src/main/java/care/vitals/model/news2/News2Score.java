package care.vitals.model.news2;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A NEWS2 score at one instant.
 * <p>
 * Every one of the seven parameters is in exactly one of {@link #subScores()} (a fresh
 * value was scored), {@link #missing()} (never reported) or {@link #stale()} (last value
 * older than its freshness window). A score with any missing or stale parameter is
 * {@linkplain #partial() partial}: those parameters count 0, so a partial total is a
 * <em>lower bound</em> of the full one. A partial score therefore may raise an alarm (the
 * full score is at least as high) but never reassures.
 *
 * @param total the sum of the sub-scores, 0-{@value News2Scorer#MAX_TOTAL}
 * @param risk the risk band of the total and sub-scores; never {@code null}
 * @param subScores sub-score per scored parameter (0-3; air/oxygen 0 or 2); unmodifiable,
 * in chart order; never {@code null}
 * @param scale the SpO2 scale used; never {@code null}
 * @param missing parameters never reported; unmodifiable, in chart order; never
 * {@code null}
 * @param stale parameters whose last value is outside its freshness window; unmodifiable,
 * in chart order; never {@code null}
 * @param at the instant the score is for; never {@code null}
 */
public record News2Score(int total, News2Risk risk, Map<News2Parameter, Integer> subScores, SpO2Scale scale,
		Set<News2Parameter> missing, Set<News2Parameter> stale, Instant at) {

	private static final News2Parameter[] PARAMETERS = News2Parameter.values();

	/**
	 * Validates the score: sub-scores in range, every parameter accounted for exactly
	 * once, total and risk consistent with the sub-scores.
	 * @throws IllegalArgumentException if the score is inconsistent
	 */
	public News2Score {
		Objects.requireNonNull(risk, "risk");
		Objects.requireNonNull(scale, "scale");
		Objects.requireNonNull(at, "at");
		Map<News2Parameter, Integer> scores = new EnumMap<>(News2Parameter.class);
		scores.putAll(Objects.requireNonNull(subScores, "subScores"));
		Set<News2Parameter> absent = copy(missing, "missing");
		Set<News2Parameter> old = copy(stale, "stale");
		// loops over the parameters, not streams and entry iterators: a score is made for
		// every reading of every patient
		int sum = 0;
		for (News2Parameter parameter : PARAMETERS) {
			Integer score = scores.get(parameter);
			if (score != null) {
				requireValidSubScore(parameter, score);
				sum += score;
			}
			if (listed(parameter, scores, absent, old) > 1) {
				throw new IllegalArgumentException(parameter + " is listed more than once");
			}
		}
		for (News2Parameter parameter : PARAMETERS) {
			if (listed(parameter, scores, absent, old) == 0) {
				throw new IllegalArgumentException("every parameter must be scored, missing or stale");
			}
		}
		if (total != sum) {
			throw new IllegalArgumentException("total " + total + " is not the sum of the sub-scores " + sum);
		}
		if (risk != News2Scorer.risk(total, scores.containsValue(3))) {
			throw new IllegalArgumentException("risk " + risk + " does not match the sub-scores");
		}
		subScores = Collections.unmodifiableMap(scores);
		missing = Collections.unmodifiableSet(absent);
		stale = Collections.unmodifiableSet(old);
	}

	/**
	 * Tells whether a parameter was missing or stale, so the total is a lower bound.
	 * @return {@code true} if partial
	 */
	public boolean partial() {
		return !this.missing.isEmpty() || !this.stale.isEmpty();
	}

	/**
	 * Returns the parameters not counted: missing and stale together.
	 * @return the parameters, in chart order, unmodifiable
	 */
	public Set<News2Parameter> unavailable() {
		Set<News2Parameter> unavailable = EnumSet.noneOf(News2Parameter.class);
		unavailable.addAll(this.missing);
		unavailable.addAll(this.stale);
		return Collections.unmodifiableSet(unavailable);
	}

	/**
	 * Returns the sub-score of one parameter.
	 * @param parameter the parameter
	 * @return the sub-score, or empty if the parameter is missing or stale
	 */
	public OptionalInt subScore(News2Parameter parameter) {
		Integer score = this.subScores.get(parameter);
		return (score != null) ? OptionalInt.of(score) : OptionalInt.empty();
	}

	/**
	 * Tells whether any single parameter scores 3.
	 * @return {@code true} if one does
	 */
	public boolean singleParameterThree() {
		return this.subScores.containsValue(3);
	}

	/**
	 * Returns the clinical response the chart prescribes for this score.
	 * @return the response; for a partial score, the response to its lower bound, and
	 * {@link ClinicalResponse#INCOMPLETE} when that bound is low (never routine)
	 */
	public ClinicalResponse response() {
		return switch (this.risk) {
			case HIGH -> ClinicalResponse.EMERGENCY_RESPONSE;
			case MEDIUM -> ClinicalResponse.URGENT_RESPONSE;
			case LOW_MEDIUM -> ClinicalResponse.URGENT_WARD_RESPONSE;
			case LOW -> {
				if (partial()) {
					// a lower bound: never "routine" while something is missing
					yield ClinicalResponse.INCOMPLETE;
				}
				yield (this.total == 0) ? ClinicalResponse.ROUTINE : ClinicalResponse.WARD_ASSESSMENT;
			}
		};
	}

	private static int listed(News2Parameter parameter, Map<News2Parameter, Integer> scores,
			Set<News2Parameter> missing, Set<News2Parameter> stale) {
		return (scores.containsKey(parameter) ? 1 : 0) + (missing.contains(parameter) ? 1 : 0)
				+ (stale.contains(parameter) ? 1 : 0);
	}

	private static Set<News2Parameter> copy(Set<News2Parameter> parameters, String name) {
		Set<News2Parameter> copy = EnumSet.noneOf(News2Parameter.class);
		copy.addAll(Objects.requireNonNull(parameters, name));
		return copy;
	}

	private static void requireValidSubScore(News2Parameter parameter, Integer score) {
		Objects.requireNonNull(parameter, "parameter");
		Objects.requireNonNull(score, "sub-score");
		boolean valid = switch (parameter) {
			case AIR_OR_OXYGEN -> score == 0 || score == 2;
			case CONSCIOUSNESS -> score == 0 || score == 3;
			default -> score >= 0 && score <= 3;
		};
		if (!valid) {
			throw new IllegalArgumentException("sub-score " + score + " is impossible for " + parameter);
		}
	}

}
