package care.vitals.ingest.clinical;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import care.vitals.model.news2.FreshnessWindows;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;

/**
 * One patient's NEWS2 inputs: the latest valid value of each parameter, the prescribed
 * SpO2 scale, and the last score written. A score is written when it changes, and
 * restated every {@link #RESTATE} of reading time while it does not, so a stable
 * patient's current score is always within a dashboard's recent window.
 */
final class PatientState {

	static final Duration RESTATE = Duration.ofMinutes(5);

	private final PatientVitalsWindow window = new PatientVitalsWindow(FreshnessWindows.defaults());

	private SpO2Scale scale = SpO2Scale.SCALE_1;

	private News2Score last;

	private Map<News2Parameter, PatientVitalsWindow.Used> lastUsed = Map.of();

	/**
	 * Takes an artefact-free reading of a source; returns the new score if it differs
	 * from the last.
	 */
	synchronized News2Score accept(Reading reading, Source source) {
		this.window.accept(reading, source);
		PatientVitalsWindow.Scored scored = this.window.scored(reading.timestamp(), this.scale);
		News2Score score = scored.score();
		if (score.subScores().isEmpty()) {
			return null;
		}
		if (sameAs(this.last, score) && score.at().isBefore(this.last.at().plus(RESTATE))) {
			return null;
		}
		this.last = score;
		this.lastUsed = scored.used();
		return score;
	}

	/**
	 * Which source each parameter of the last score returned came from, e.g.
	 * {@code spo2=device:ox-1 consciousness=staff:nurse-1}.
	 */
	synchronized String sources() {
		StringBuilder text = new StringBuilder();
		this.lastUsed.forEach((parameter, used) -> text.append((text.length() > 0) ? " " : "")
			.append(parameter.code())
			.append('=')
			.append(used.source()));
		return text.toString();
	}

	/** The NEWS2 inputs in force at a time: value, time and source of each parameter. */
	synchronized Map<News2Parameter, PatientVitalsWindow.Used> used(Instant at) {
		return this.window.used(at, this.scale);
	}

	synchronized void scale(SpO2Scale scale) {
		this.scale = scale;
	}

	synchronized SpO2Scale scale() {
		return this.scale;
	}

	synchronized News2Score last() {
		return this.last;
	}

	private static boolean sameAs(News2Score previous, News2Score score) {
		return previous != null && previous.total() == score.total() && previous.partial() == score.partial()
				&& previous.scale() == score.scale() && Objects.equals(previous.subScores(), score.subScores());
	}

}
