package care.vitals.model.news2;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class News2ScoreTests {

	private static final Instant AT = Instant.parse("2026-11-27T18:00:00Z");

	@Test
	void rejectsATotalThatIsNotTheSum() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new News2Score(3, News2Risk.LOW, zeros(), SpO2Scale.SCALE_1, Set.of(), Set.of(), AT))
			.withMessage("total 3 is not the sum of the sub-scores 0");
	}

	@Test
	void rejectsARiskThatDoesNotMatch() {
		Map<News2Parameter, Integer> scores = zeros();
		scores.put(News2Parameter.CONSCIOUSNESS, 3);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new News2Score(3, News2Risk.LOW, scores, SpO2Scale.SCALE_1, Set.of(), Set.of(), AT));
	}

	@Test
	void rejectsImpossibleSubScores() {
		Map<News2Parameter, Integer> scores = zeros();
		scores.put(News2Parameter.AIR_OR_OXYGEN, 1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new News2Score(1, News2Risk.LOW, scores, SpO2Scale.SCALE_1, Set.of(), Set.of(), AT));
		scores.put(News2Parameter.AIR_OR_OXYGEN, 0);
		scores.put(News2Parameter.HEART_RATE, 4);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new News2Score(4, News2Risk.LOW, scores, SpO2Scale.SCALE_1, Set.of(), Set.of(), AT));
	}

	@Test
	void requiresEveryParameterExactlyOnce() {
		Map<News2Parameter, Integer> scores = zeros();
		scores.remove(News2Parameter.TEMPERATURE);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new News2Score(0, News2Risk.LOW, scores, SpO2Scale.SCALE_1, Set.of(), Set.of(), AT))
			.withMessage("every parameter must be scored, missing or stale");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new News2Score(0, News2Risk.LOW, scores, SpO2Scale.SCALE_1,
					Set.of(News2Parameter.TEMPERATURE), Set.of(News2Parameter.TEMPERATURE), AT))
			.withMessage("temperature is listed more than once");
		// listed twice and another parameter not at all: the duplicate is what is named
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new News2Score(0, News2Risk.LOW, Map.of(), SpO2Scale.SCALE_1,
					Set.of(News2Parameter.TEMPERATURE), Set.of(News2Parameter.TEMPERATURE), AT))
			.withMessage("temperature is listed more than once");
		News2Score stale = new News2Score(0, News2Risk.LOW, scores, SpO2Scale.SCALE_1, Set.of(),
				Set.of(News2Parameter.TEMPERATURE), AT);
		assertThat(stale.partial()).isTrue();
		assertThat(stale.unavailable()).containsExactly(News2Parameter.TEMPERATURE);
	}

	@Test
	void isImmutable() {
		Map<News2Parameter, Integer> scores = zeros();
		News2Score score = new News2Score(0, News2Risk.LOW, scores, SpO2Scale.SCALE_1, Set.of(), Set.of(), AT);
		scores.put(News2Parameter.HEART_RATE, 3);
		assertThat(score.subScores()).containsEntry(News2Parameter.HEART_RATE, 0);
		assertThat(score.subScores()).isUnmodifiable();
	}

	private static Map<News2Parameter, Integer> zeros() {
		Map<News2Parameter, Integer> scores = new EnumMap<>(News2Parameter.class);
		for (News2Parameter parameter : News2Parameter.values()) {
			scores.put(parameter, 0);
		}
		return scores;
	}

}
