package care.vitals.ingest.station;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;

/**
 * A patient's NEWS2 as the board shows it (CLINICAL.md, principle 8: incomplete is shown
 * as incomplete). Only a complete and current score wears its risk colour and its
 * response. A partial score is a lower bound: it says "at least", what is missing, and
 * has no colour. A complete score older than {@code currentFor} (the monitor stopped)
 * says how old it is and has no colour either.
 *
 * @param headline e.g. "NEWS2 7 – high risk", "NEWS2 at least 3 – incomplete"
 * @param detail the response, or what is missing, or how old
 * @param age how old the score is, in words
 * @param status {@code current}, {@code incomplete}, {@code stale} or {@code none}
 * @param risk the risk band code when current ({@code low}, {@code low-medium},
 * {@code medium}, {@code high}), else {@code none}
 * @param score the total (a lower bound when incomplete), or {@code null} without a score
 */
public record News2View(String headline, String detail, String age, String status, String risk, Integer score) {

	static News2View of(Optional<News2Score> score, Instant now, Duration currentFor) {
		if (score.isEmpty()) {
			return new News2View("NEWS2 – no score yet", "no observations scored yet", "", "none", "none", null);
		}
		News2Score s = score.get();
		Duration age = Duration.between(s.at(), now);
		String ago = Ages.ago(age);
		if (s.partial()) {
			String missing = s.unavailable().stream().map(News2Parameter::code).collect(Collectors.joining(", "));
			return new News2View("NEWS2 at least " + s.total() + " – incomplete", "missing or out of date: " + missing,
					ago, "incomplete", "none", s.total());
		}
		if (age.compareTo(currentFor) > 0) {
			return new News2View("NEWS2 " + s.total() + " – not current",
					"last complete score " + ago + ": observations have stopped", ago, "stale", "none", s.total());
		}
		return new News2View("NEWS2 " + s.total() + " – " + s.risk().code() + " risk", s.response().text(), ago,
				"current", s.risk().code(), s.total());
	}

}
