package care.vitals.model.news2;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;

/**
 * The latest valid NEWS2 observation of one patient per parameter, with its timestamp,
 * from which a score is computed at any instant.
 * <p>
 * Readings follow the patient, so values from every device assigned to the patient go
 * into one window. A value replaces the held one only if it is at least as recent, so
 * buffered backfill never overwrites newer values. Values outside the parameter's
 * plausible range are ignored (the decoders reject them already; this is defence in
 * depth). Callers should not feed values the alarm engine flags as artefact.
 * <p>
 * <b>Missing oxygen flag.</b> If the air/oxygen flag was never reported or is stale, the
 * score is partial with {@link News2Parameter#AIR_OR_OXYGEN} missing or stale, and it
 * counts 0 (as on air); on scale 2 an SpO2 of 93 % or more is then scored as on air. We
 * do not assume air silently: assuming air would present an incomplete score as complete,
 * while a partial score says that the total is only a lower bound.
 * <p>
 * Mutable and not thread-safe: one instance per patient, confined to one thread or
 * guarded by the caller.
 */
public final class PatientVitalsWindow {

	private final FreshnessWindows freshness;

	private final Map<News2Parameter, Observation> latest = new EnumMap<>(News2Parameter.class);

	/**
	 * Creates an empty window.
	 * @param freshness the freshness windows; never {@code null}
	 */
	public PatientVitalsWindow(FreshnessWindows freshness) {
		this.freshness = Objects.requireNonNull(freshness, "freshness");
	}

	/**
	 * Takes the NEWS2 values and flags of a reading.
	 * @param reading the reading; never {@code null}
	 * @return how many parameters it updated
	 */
	public int accept(Reading reading) {
		Objects.requireNonNull(reading, "reading");
		int updated = 0;
		Instant at = reading.timestamp();
		for (News2Parameter parameter : News2Parameter.values()) {
			Optional<Parameter> measured = parameter.parameter();
			if (measured.isPresent()) {
				Double value = reading.values().get(measured.get());
				if (value != null && measured.get().isPlausible(value)) {
					updated += offer(parameter, value, at);
				}
			}
		}
		if (reading.oxygen() != null) {
			updated += offer(News2Parameter.AIR_OR_OXYGEN, reading.oxygen(), at);
		}
		if (reading.consciousness() != null) {
			updated += offer(News2Parameter.CONSCIOUSNESS, reading.consciousness(), at);
		}
		return updated;
	}

	/**
	 * Returns when the held value of a parameter was measured.
	 * @param parameter the parameter
	 * @return the timestamp, or empty if never reported
	 */
	public Optional<Instant> observedAt(News2Parameter parameter) {
		return Optional.ofNullable(this.latest.get(parameter)).map(Observation::at);
	}

	/**
	 * Scores the held values at an instant: fresh values are scored, stale and missing
	 * ones are listed and make the score partial.
	 * @param at the instant to score at; never {@code null}
	 * @param scale the patient's SpO2 scale; never {@code null}
	 * @return the score
	 */
	public News2Score score(Instant at, SpO2Scale scale) {
		Objects.requireNonNull(at, "at");
		Set<News2Parameter> missing = EnumSet.noneOf(News2Parameter.class);
		Set<News2Parameter> stale = EnumSet.noneOf(News2Parameter.class);
		Map<News2Parameter, Object> fresh = new EnumMap<>(News2Parameter.class);
		for (News2Parameter parameter : News2Parameter.values()) {
			Observation observation = this.latest.get(parameter);
			if (observation == null) {
				missing.add(parameter);
			}
			else if (!this.freshness.isFresh(parameter, observation.at(), at)) {
				stale.add(parameter);
			}
			else {
				fresh.put(parameter, observation.value());
			}
		}
		News2Inputs inputs = new News2Inputs((Double) fresh.get(News2Parameter.RESP_RATE),
				(Double) fresh.get(News2Parameter.SPO2), (Boolean) fresh.get(News2Parameter.AIR_OR_OXYGEN),
				(Double) fresh.get(News2Parameter.SYSTOLIC_BP), (Double) fresh.get(News2Parameter.HEART_RATE),
				(Consciousness) fresh.get(News2Parameter.CONSCIOUSNESS),
				(Double) fresh.get(News2Parameter.TEMPERATURE));
		return News2Scorer.score(inputs, missing, stale, scale, at);
	}

	private int offer(News2Parameter parameter, Object value, Instant at) {
		Observation held = this.latest.get(parameter);
		if (held != null && at.isBefore(held.at())) {
			return 0;
		}
		this.latest.put(parameter, new Observation(value, at));
		return 1;
	}

	private record Observation(Object value, Instant at) {

	}

}
