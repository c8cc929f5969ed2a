package care.vitals.ingest.station;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.SpO2Scale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies CLINICAL.md principle 8 on the board: only a complete, current NEWS2 wears a
 * risk colour and a response; a partial one says "at least" and what is missing; an old
 * one says it is not current.
 */
class News2ViewTests {

	private static final Instant AT = Instant.parse("2026-01-01T08:00:00Z");

	private static final Duration CURRENT_FOR = Duration.ofMinutes(6);

	@Test
	void aCompleteCurrentScoreWearsItsRiskAndResponse() {
		News2View view = News2View.of(Optional.of(score(3, false)), AT.plusSeconds(60), CURRENT_FOR);
		assertThat(view.status()).isEqualTo("current");
		assertThat(view.risk()).isEqualTo("medium");
		assertThat(view.headline()).isEqualTo("NEWS2 6 – medium risk");
		assertThat(view.detail()).startsWith("Urgent response");
	}

	@Test
	void aPartialScoreIsALowerBoundWithoutColourOrResponse() {
		News2View view = News2View.of(Optional.of(score(0, true)), AT.plusSeconds(60), CURRENT_FOR);
		assertThat(view.status()).isEqualTo("incomplete");
		assertThat(view.risk()).isEqualTo("none");
		assertThat(view.headline()).isEqualTo("NEWS2 at least 0 – incomplete");
		assertThat(view.detail()).contains("consciousness").doesNotContain("outine");
	}

	@Test
	void anOldCompleteScoreIsNotCurrentAndHasNoColour() {
		News2View view = News2View.of(Optional.of(score(3, false)), AT.plus(CURRENT_FOR).plusSeconds(1), CURRENT_FOR);
		assertThat(view.status()).isEqualTo("stale");
		assertThat(view.risk()).isEqualTo("none");
		assertThat(view.headline()).contains("not current");
		assertThat(News2View.of(Optional.of(score(3, false)), AT.plus(CURRENT_FOR), CURRENT_FOR).status())
			.isEqualTo("current");
	}

	@Test
	void noScoreYetSaysSo() {
		assertThat(News2View.of(Optional.empty(), AT, CURRENT_FOR).status()).isEqualTo("none");
	}

	/** SpO2 and RR scored {@code each}; consciousness missing if {@code partial}. */
	private static News2Score score(int each, boolean partial) {
		Map<News2Parameter, Integer> sub = new EnumMap<>(News2Parameter.class);
		for (News2Parameter p : News2Parameter.values()) {
			sub.put(p, 0);
		}
		sub.put(News2Parameter.SPO2, each);
		sub.put(News2Parameter.RESP_RATE, each);
		EnumSet<News2Parameter> missing = EnumSet.noneOf(News2Parameter.class);
		if (partial) {
			sub.remove(News2Parameter.CONSCIOUSNESS);
			missing.add(News2Parameter.CONSCIOUSNESS);
		}
		int total = 2 * each;
		News2Risk risk = (total >= 7) ? News2Risk.HIGH
				: (total >= 5) ? News2Risk.MEDIUM : (each == 3) ? News2Risk.LOW_MEDIUM : News2Risk.LOW;
		return new News2Score(total, risk, sub, SpO2Scale.SCALE_1, missing, EnumSet.noneOf(News2Parameter.class), AT);
	}

}
