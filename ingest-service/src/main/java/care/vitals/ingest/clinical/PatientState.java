package care.vitals.ingest.clinical;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import care.vitals.model.news2.ClinicalResponse;
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

	/**
	 * How long a prescribed observation frequency is remembered: the strictest interval
	 * of the scores of this period sets how long a round's observations count, so a score
	 * made partial by a stale observation (whose response is "incomplete") cannot relax
	 * the frequency and bring the stale value back (docs/clinical.md, "Freshness").
	 */
	static final Duration FREQUENCY_MEMORY = Duration.ofHours(4);

	private static final FreshnessWindows DEFAULTS = FreshnessWindows.defaults();

	private final PatientVitalsWindow window = new PatientVitalsWindow(DEFAULTS);

	/** When each observation interval was last prescribed (at most five intervals). */
	private final Map<Duration, Instant> prescribed = new HashMap<>();

	private Duration interval;

	private SpO2Scale scale = SpO2Scale.SCALE_1;

	private News2Score last;

	private Map<News2Parameter, PatientVitalsWindow.Used> lastUsed = Map.of();

	/**
	 * Takes an artefact-free reading of a source; returns the new score if it differs
	 * from the last.
	 */
	synchronized News2Score accept(Reading reading, Source source) {
		this.window.accept(reading, source);
		// scored as of the newest time known: a staff entry observed minutes ago (or a
		// backfilled reading) changes the current score, it does not make an old one
		// (which the alarm engine would ignore as older than the last)
		Instant at = (this.last != null && this.last.at().isAfter(reading.timestamp())) ? this.last.at()
				: reading.timestamp();
		PatientVitalsWindow.Scored scored = this.window.scored(at, this.scale);
		News2Score score = scored.score();
		if (prescribe(score)) {
			scored = this.window.scored(at, this.scale);
			score = scored.score();
		}
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
			.append(used.source().kind().code())
			.append(':')
			.append(used.source().id()));
		return text.toString();
	}

	/** The NEWS2 inputs in force at a time: value, time and source of each parameter. */
	synchronized Map<News2Parameter, PatientVitalsWindow.Used> used(Instant at) {
		return this.window.used(at, this.scale);
	}

	/**
	 * Remembers the interval a score prescribes and applies the strictest of the last
	 * {@link #FREQUENCY_MEMORY} to the freshness of round observations.
	 * @return whether the windows changed (score again)
	 */
	private boolean prescribe(News2Score score) {
		if (score.response() != ClinicalResponse.INCOMPLETE && !score.subScores().isEmpty()) {
			this.prescribed.merge(score.response().observationInterval(), score.at(),
					(held, now) -> now.isAfter(held) ? now : held);
		}
		Instant since = score.at().minus(FREQUENCY_MEMORY);
		Duration strictest = null;
		for (Map.Entry<Duration, Instant> entry : this.prescribed.entrySet()) {
			if (!entry.getValue().isBefore(since) && (strictest == null || entry.getKey().compareTo(strictest) < 0)) {
				strictest = entry.getKey();
			}
		}
		if (Objects.equals(strictest, this.interval)) {
			return false;
		}
		this.interval = strictest;
		this.window.freshness(DEFAULTS.forObservationInterval(strictest));
		return true;
	}

	/**
	 * The observation interval in force (null: none prescribed yet; ZERO: continuous).
	 */
	synchronized Duration observationInterval() {
		return this.interval;
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
