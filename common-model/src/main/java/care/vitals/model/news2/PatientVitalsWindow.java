package care.vitals.model.news2;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;

/**
 * The NEWS2 observations of one patient: per parameter, the latest valid value of every
 * source (each device, each member of staff), from which a score is computed at any
 * instant.
 * <p>
 * <b>Which value is scored</b> (CLINICAL.md, principles 2 and 3), per parameter, among
 * the values still fresh at the scoring instant: the <em>worst</em>-scoring of the newest
 * staff entry and every device's value (ties: the staff entry, then the newest device
 * value). So a clinician's entry is never overwritten by a machine's better value or
 * default (a monitor's automatic "on air" does not undo a nurse's "on oxygen 2 L/min"; a
 * newer staff entry replaces an older one; it expires with its parameter's freshness
 * window), and a worse value is never hidden, whoever measured it (a monitor's 82 mmHg
 * counts against a manual 120 mmHg taken earlier). Two monitors that disagree are not
 * averaged, and a patient whose oximeter reads 95 % and monitor 96 % scores steadily
 * instead of flickering with whichever sent last.
 * <p>
 * <b>Consciousness</b> comes from staff only. A device cannot assess ACVPU: a
 * {@code consciousness} a device sends (many monitors send a default {@code A}) is stored
 * with its reading but never scored, so without a clinician's entry the score is partial
 * with consciousness missing instead of silently "alert".
 * <p>
 * <b>Device values are smoothed</b> (NEWS2 on observation sets): a device's value of a
 * numeric parameter is the <em>median of its values of the last {@link #SMOOTHING}</em>,
 * one value per 5-second slot (the last to arrive in it; {@link RecentSamples}, bounded
 * whatever the device's rate), so one motion-artefact reading neither raises nor lowers
 * the score, while a real change counts once it makes up half of the recent slots (within
 * about a minute; at once for a spot device such as a blood-pressure cuff, whose single
 * value is its median). Staff entries, the oxygen flag and consciousness are taken as
 * they are.
 * <p>
 * Per source, a value replaces the held one only if it is at least as recent, so buffered
 * backfill never overwrites newer values. Values outside the parameter's possible range
 * are ignored (the decoders reject them already; defence in depth). Callers should not
 * feed values the alarm engine flags as artefact.
 * <p>
 * <b>Missing oxygen flag.</b> If the air/oxygen flag was never reported or is stale, the
 * score is partial with {@link News2Parameter#AIR_OR_OXYGEN} missing or stale, and it
 * counts 0 (as on air); on scale 2 an SpO2 of 93 % or more is then scored as on air. We
 * do not assume air silently: assuming air would present an incomplete score as complete,
 * while a partial score says that the total is only a lower bound.
 * <p>
 * Mutable and not thread-safe: one instance per patient, confined to one thread or
 * guarded by the caller. At most {@value #MAX_SOURCES} sources are kept per parameter
 * (the oldest value is dropped).
 */
public final class PatientVitalsWindow {

	static final int MAX_SOURCES = 8;

	/**
	 * How far back a device's numeric values are taken into its median: a single artefact
	 * (a motion spike shorter than half of this) never moves the score, while a sustained
	 * change does within about half of it.
	 */
	public static final Duration SMOOTHING = Duration.ofMinutes(2);

	private FreshnessWindows freshness;

	/** The NEWS2 parameters a device measures, in order (looked at for every reading). */
	private static final News2Parameter[] MEASURED = Arrays.stream(News2Parameter.values())
		.filter((parameter) -> parameter.parameter().isPresent())
		.toArray(News2Parameter[]::new);

	/** What each of {@link #MEASURED} is measured as. */
	private static final Parameter[] MEASURED_AS = Arrays.stream(MEASURED)
		.map((parameter) -> parameter.parameter().get())
		.toArray(Parameter[]::new);

	private static final int PARAMETERS = News2Parameter.values().length;

	/**
	 * Each source's held value of each parameter, by source and parameter ordinal (one
	 * map per patient, not one per parameter).
	 */
	private final Map<Source, Observation[]> latest = new HashMap<>();

	/**
	 * Creates an empty window.
	 * @param freshness the freshness windows; never {@code null}
	 */
	public PatientVitalsWindow(FreshnessWindows freshness) {
		this.freshness = Objects.requireNonNull(freshness, "freshness");
	}

	/**
	 * Changes the freshness windows (the patient's observation frequency changed).
	 * @param freshness the windows; never {@code null}
	 */
	public void freshness(FreshnessWindows freshness) {
		this.freshness = Objects.requireNonNull(freshness, "freshness");
	}

	/**
	 * Takes the NEWS2 values and flags of a device's reading (its device id is the
	 * source).
	 * @param reading the reading; never {@code null}
	 * @return how many parameters it updated
	 */
	public int accept(Reading reading) {
		Objects.requireNonNull(reading, "reading");
		return accept(reading, Source.device(reading.deviceId()));
	}

	/**
	 * Takes the NEWS2 values and flags of a reading from a source.
	 * @param reading the reading; never {@code null}
	 * @param source who measured or observed it; never {@code null}
	 * @return how many parameters it updated
	 */
	public int accept(Reading reading, Source source) {
		Objects.requireNonNull(reading, "reading");
		Objects.requireNonNull(source, "source");
		int updated = 0;
		Instant at = reading.timestamp();
		for (int i = 0; i < MEASURED.length; i++) {
			News2Parameter parameter = MEASURED[i];
			Parameter measured = MEASURED_AS[i];
			Double value = reading.values().get(measured);
			if (value != null && measured.isPlausible(value)) {
				updated += offer(parameter, source, value, at);
			}
		}
		if (reading.oxygen() != null) {
			updated += offer(News2Parameter.AIR_OR_OXYGEN, source, reading.oxygen(), at);
		}
		if (reading.consciousness() != null && source.isStaff()) {
			updated += offer(News2Parameter.CONSCIOUSNESS, source, reading.consciousness(), at);
		}
		return updated;
	}

	/**
	 * Returns when the newest held value of a parameter was measured, whatever its
	 * source.
	 * @param parameter the parameter
	 * @return the timestamp, or empty if never reported
	 */
	public Optional<Instant> observedAt(News2Parameter parameter) {
		Instant newest = null;
		for (Observation[] held : this.latest.values()) {
			Observation observation = held[parameter.ordinal()];
			if (observation != null && (newest == null || observation.at().isAfter(newest))) {
				newest = observation.at();
			}
		}
		return Optional.ofNullable(newest);
	}

	/**
	 * Scores the values chosen at an instant (see the class comment): fresh values are
	 * scored, stale and missing ones are listed and make the score partial.
	 * @param at the instant to score at; never {@code null}
	 * @param scale the patient's SpO2 scale; never {@code null}
	 * @return the score
	 */
	public News2Score score(Instant at, SpO2Scale scale) {
		return scored(at, scale).score();
	}

	/**
	 * Scores the values chosen at an instant and returns the score with the values it
	 * used (one pass: what {@link #score} and {@link #used} give separately).
	 * @param at the instant to score at; never {@code null}
	 * @param scale the patient's SpO2 scale; never {@code null}
	 * @return the score and the values used, with their sources
	 */
	public Scored scored(Instant at, SpO2Scale scale) {
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(scale, "scale");
		Set<News2Parameter> missing = EnumSet.noneOf(News2Parameter.class);
		Set<News2Parameter> stale = EnumSet.noneOf(News2Parameter.class);
		Map<News2Parameter, Used> used = used(at, scale, missing, stale);
		return new Scored(News2Scorer.score(inputs(used), missing, stale, scale, at), used);
	}

	/**
	 * Returns the value scored for each parameter at an instant, with its source.
	 * @param at the instant; never {@code null}
	 * @param scale the patient's SpO2 scale; never {@code null}
	 * @return the values used, in chart order; parameters without a fresh value are
	 * absent
	 */
	public Map<News2Parameter, Used> used(Instant at, SpO2Scale scale) {
		return used(at, scale, EnumSet.noneOf(News2Parameter.class), EnumSet.noneOf(News2Parameter.class));
	}

	private Map<News2Parameter, Used> used(Instant at, SpO2Scale scale, Set<News2Parameter> missing,
			Set<News2Parameter> stale) {
		Map<News2Parameter, Used> used = new EnumMap<>(News2Parameter.class);
		// oxygen first: on scale 2 the SpO2 sub-score depends on it
		Used oxygen = pick(News2Parameter.AIR_OR_OXYGEN, at, scale, false, missing, stale, used);
		boolean onOxygen = oxygen != null && Boolean.TRUE.equals(oxygen.value());
		for (News2Parameter parameter : News2Parameter.values()) {
			if (parameter != News2Parameter.AIR_OR_OXYGEN) {
				pick(parameter, at, scale, onOxygen, missing, stale, used);
			}
		}
		return used;
	}

	private Used pick(News2Parameter parameter, Instant at, SpO2Scale scale, boolean onOxygen,
			Set<News2Parameter> missing, Set<News2Parameter> stale, Map<News2Parameter, Used> used) {
		if (sources(parameter.ordinal()) == 0) {
			missing.add(parameter);
			return null;
		}
		Used chosen = choose(parameter, at, scale, onOxygen);
		if (chosen == null) {
			stale.add(parameter);
			return null;
		}
		used.put(parameter, chosen);
		return chosen;
	}

	/**
	 * Consciousness: the newest fresh staff entry (devices never count). Everything else:
	 * the worst-scoring of the newest fresh staff entry and the fresh device values
	 * (ties: the staff entry, then the newest).
	 */
	private Used choose(News2Parameter parameter, Instant at, SpO2Scale scale, boolean onOxygen) {
		// without a list of candidates or one Used each: this runs for every parameter of
		// every reading; a second pass over the sources only when several are fresh
		Map.Entry<Source, Observation[]> staff = null;
		Map.Entry<Source, Observation[]> device = null;
		int devices = 0;
		for (Map.Entry<Source, Observation[]> entry : this.latest.entrySet()) {
			Observation observation = fresh(entry, parameter, at);
			if (observation == null) {
				continue;
			}
			if (!entry.getKey().isStaff()) {
				device = (devices++ == 0) ? entry : device;
			}
			else if (staff == null || observation.at().isAfter(observation(staff, parameter).at())) {
				staff = entry;
			}
		}
		if (parameter == News2Parameter.CONSCIOUSNESS) {
			return used(staff, parameter);
		}
		if (devices == 0 || (staff == null && devices == 1)) {
			// one candidate (the common case): no need to score it here
			return used((staff != null) ? staff : device, parameter);
		}
		Map.Entry<Source, Observation[]> worst = staff;
		int worstScore = (staff != null) ? subScore(parameter, observation(staff, parameter).value(), scale, onOxygen)
				: -1;
		for (Map.Entry<Source, Observation[]> entry : this.latest.entrySet()) {
			Observation observation = fresh(entry, parameter, at);
			if (observation == null || entry.getKey().isStaff()) {
				continue;
			}
			int score = subScore(parameter, observation.value(), scale, onOxygen);
			boolean newerTie = score == worstScore && worst != null && !worst.getKey().isStaff()
					&& observation.at().isAfter(observation(worst, parameter).at());
			if (score > worstScore || newerTie) {
				worst = entry;
				worstScore = score;
			}
		}
		return used(worst, parameter);
	}

	/** The source's observation of the parameter if it is fresh at the instant. */
	private Observation fresh(Map.Entry<Source, Observation[]> source, News2Parameter parameter, Instant at) {
		Observation observation = observation(source, parameter);
		return (observation != null && this.freshness.isFresh(parameter, observation.at(), at)) ? observation : null;
	}

	private static Observation observation(Map.Entry<Source, Observation[]> source, News2Parameter parameter) {
		return source.getValue()[parameter.ordinal()];
	}

	private static Used used(Map.Entry<Source, Observation[]> source, News2Parameter parameter) {
		if (source == null) {
			return null;
		}
		Observation observation = observation(source, parameter);
		return new Used(observation.value(), observation.at(), source.getKey());
	}

	private static int subScore(News2Parameter parameter, Object value, SpO2Scale scale, boolean onOxygen) {
		return switch (parameter) {
			case RESP_RATE -> News2Scorer.respRate((Double) value);
			case SPO2 -> News2Scorer.spo2((Double) value, scale, onOxygen);
			case AIR_OR_OXYGEN -> News2Scorer.airOrOxygen((Boolean) value);
			case SYSTOLIC_BP -> News2Scorer.systolicBp((Double) value);
			case HEART_RATE -> News2Scorer.heartRate((Double) value);
			case CONSCIOUSNESS -> News2Scorer.consciousness((Consciousness) value);
			case TEMPERATURE -> News2Scorer.temperature((Double) value);
		};
	}

	private static News2Inputs inputs(Map<News2Parameter, Used> used) {
		return new News2Inputs((Double) value(used, News2Parameter.RESP_RATE),
				(Double) value(used, News2Parameter.SPO2), (Boolean) value(used, News2Parameter.AIR_OR_OXYGEN),
				(Double) value(used, News2Parameter.SYSTOLIC_BP), (Double) value(used, News2Parameter.HEART_RATE),
				(Consciousness) value(used, News2Parameter.CONSCIOUSNESS),
				(Double) value(used, News2Parameter.TEMPERATURE));
	}

	private static Object value(Map<News2Parameter, Used> used, News2Parameter parameter) {
		Used value = used.get(parameter);
		return (value != null) ? value.value() : null;
	}

	private int offer(News2Parameter parameter, Source source, Object value, Instant at) {
		int index = parameter.ordinal();
		Observation[] mine = this.latest.computeIfAbsent(source, (s) -> new Observation[PARAMETERS]);
		Observation held = mine[index];
		if (held != null && at.isBefore(held.at())) {
			return 0;
		}
		if (value instanceof Double number && !source.isStaff()) {
			RecentSamples recent = (held != null && held.recent() != null) ? held.recent() : new RecentSamples();
			recent.add(at, number, SMOOTHING);
			mine[index] = new Observation(recent.median(), at, recent);
		}
		else {
			mine[index] = new Observation(value, at, null);
		}
		if (sources(index) > MAX_SOURCES) {
			dropOldest(index);
		}
		return 1;
	}

	/** How many sources hold a value of a parameter. */
	private int sources(int index) {
		int sources = 0;
		for (Observation[] held : this.latest.values()) {
			if (held[index] != null) {
				sources++;
			}
		}
		return sources;
	}

	/**
	 * Drops the oldest source's value of a parameter, and the source once it holds none.
	 */
	private void dropOldest(int index) {
		Map.Entry<Source, Observation[]> oldest = null;
		for (Map.Entry<Source, Observation[]> entry : this.latest.entrySet()) {
			Observation observation = entry.getValue()[index];
			if (observation != null && (oldest == null || observation.at().isBefore(oldest.getValue()[index].at()))) {
				oldest = entry;
			}
		}
		Observation[] held = oldest.getValue();
		held[index] = null;
		if (Arrays.stream(held).allMatch(Objects::isNull)) {
			this.latest.remove(oldest.getKey());
		}
	}

	/**
	 * A value the score uses, with when it was measured and who measured it.
	 *
	 * @param value a {@link Double} in stored units, a {@link Boolean} (on oxygen) or a
	 * {@link Consciousness}; never {@code null}
	 * @param at when it was measured or observed; never {@code null}
	 * @param source who measured or observed it; never {@code null}
	 */
	public record Used(Object value, Instant at, Source source) {

	}

	/**
	 * A score with the values it used.
	 *
	 * @param score the score; never {@code null}
	 * @param used the value scored for each parameter with a fresh value, with its
	 * source, in chart order; never {@code null}
	 */
	public record Scored(News2Score score, Map<News2Parameter, Used> used) {

	}

	/**
	 * A held value: for a device's numbers the median of its recent samples (kept in
	 * {@code recent}, oldest first), otherwise the value itself ({@code recent} null).
	 */
	private record Observation(Object value, Instant at, RecentSamples recent) {

	}

}
