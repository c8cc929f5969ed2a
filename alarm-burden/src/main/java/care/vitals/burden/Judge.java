package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.RiskTable;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.parameter.Parameter;
import care.vitals.publisher.physiology.ArtefactKind;
import care.vitals.publisher.physiology.Vitals;

/**
 * Judges each alarm signal against the simulator's ground truth (docs/benchmarks.md,
 * "Alarm burden", definitions).
 * <ul>
 * <li>A clinical alarm (NEWS2 or a vital-sign limit) is actionable if its condition is
 * true in the artefact-free physiology at some second of the {@link #LOOK_BACK} before it
 * (the NEWS2 band with the patient's true consciousness and oxygen at least the alarm's;
 * the true value beyond the limit of the alarm's priority), or if it falls within a
 * scripted deterioration of its bed, from the scripted start to the end of the scripted
 * course plus {@link #EPISODE_MARGIN}.</li>
 * <li>A technical alarm is actionable if a nurse has something to fix: a sensor fault,
 * offline device or silent device that lasted at least {@link #PERSISTS} (a nurse
 * arriving finds it), or a low battery. Readings missed, sources disagreeing, clock skew
 * and impossible values have nothing to fix at the bedside in this ward.</li>
 * </ul>
 * A non-actionable alarm is attributed to the artefact episode of the bed's devices that
 * overlaps the {@link #CAUSE_WINDOW} before it (motion first, then flatline, probe off,
 * dropout), or else to natural variability.
 */
final class Judge {

	static final Duration LOOK_BACK = Duration.ofSeconds(30);

	static final Duration EPISODE_MARGIN = Duration.ofMinutes(60);

	static final Duration PERSISTS = Duration.ofMinutes(2);

	static final Duration CAUSE_WINDOW = Duration.ofSeconds(60);

	/**
	 * How long the truth must mostly meet an alarm condition to count as the criterion.
	 */
	static final Duration SUSTAINED = Duration.ofSeconds(60);

	private static final Set<String> FAULTS = Set.of(AlarmKinds.PROBE_OFF, AlarmKinds.LEAD_OFF,
			AlarmKinds.SENSOR_DISCONNECTED, AlarmKinds.DEVICE_OFFLINE, AlarmKinds.NO_DATA);

	private static final List<ArtefactKind> CAUSE_ORDER = List.of(ArtefactKind.MOTION, ArtefactKind.FLATLINE,
			ArtefactKind.PROBE_OFF, ArtefactKind.DROPOUT);

	private final RunResult run;

	Judge(RunResult run) {
		this.run = run;
	}

	/**
	 * The verdict on one alarm signal.
	 * @param alarm the signal
	 * @return whether it was actionable, and why (or where it came from)
	 */
	Verdict judge(AlarmRecord alarm) {
		if (alarm.clinical()) {
			if (confirmed(alarm)) {
				return new Verdict(true, "condition true");
			}
			if (inDeterioration(alarm)) {
				return new Verdict(true, "within a scripted deterioration");
			}
			return new Verdict(false, artefactCause(alarm));
		}
		if (AlarmKinds.BATTERY_LOW.equals(alarm.kind())) {
			return new Verdict(true, "battery low");
		}
		if (FAULTS.contains(alarm.kind())) {
			Instant resolved = this.run.resolved().getOrDefault(alarm.alarmId(), this.run.end());
			return Duration.between(alarm.at(), resolved).compareTo(PERSISTS) >= 0
					? new Verdict(true, "lasted " + PERSISTS.toMinutes() + " min or more")
					: new Verdict(false, "ended by itself within " + PERSISTS.toMinutes() + " min");
		}
		if (AlarmKinds.SEQUENCE_GAP.equals(alarm.kind())) {
			return new Verdict(false, "dropout artefact (readings lost, nothing to fix)");
		}
		if (AlarmKinds.SOURCES_DISAGREE.equals(alarm.kind())) {
			return new Verdict(false, artefactCause(alarm));
		}
		return new Verdict(false, "nothing to fix at the bedside");
	}

	/** Whether the alarm's condition is true in the ground truth just before it. */
	boolean confirmed(AlarmRecord alarm) {
		Truth truth = this.run.truths().get(alarm.bed());
		for (Instant at = alarm.at().minus(LOOK_BACK); !at.isAfter(alarm.at()); at = at.plusSeconds(1)) {
			if (holds(alarm, truth, at)) {
				return true;
			}
		}
		return false;
	}

	private boolean holds(AlarmRecord alarm, Truth truth, Instant at) {
		if (Kinds.news2(alarm.kind())) {
			News2Risk band = RiskTable.news2Risk(alarm.kind()).orElseThrow();
			return truth.news2(at).compareTo(band) >= 0;
		}
		Parameter parameter = Kinds.limitParameter(alarm.kind()).orElseThrow();
		ThresholdRule rule = this.run.rules().get(this.run.bed(alarm.bed()).patient()).get(parameter);
		Double value = truth.value(parameter, at);
		if (rule == null || value == null) {
			return false;
		}
		return beyond(rule, Kinds.lowSide(alarm.kind()), alarm.priority(), value);
	}

	/**
	 * Whether a value is beyond the limit of a priority (the outer one if that side has
	 * no critical limit).
	 */
	static boolean beyond(ThresholdRule rule, boolean low, AlarmPriority priority, double value) {
		Double outer = low ? rule.low() : rule.high();
		Double critical = low ? rule.criticalLow() : rule.criticalHigh();
		Double limit = (priority == AlarmPriority.HIGH && critical != null) ? critical
				: (outer != null) ? outer : critical;
		if (limit == null) {
			return false;
		}
		return low ? value < limit : value > limit;
	}

	private boolean inDeterioration(AlarmRecord alarm) {
		BedPlan bed = this.run.bed(alarm.bed());
		if (!bed.deteriorates()) {
			return false;
		}
		Instant start = this.run.plan().origin().plus(bed.scriptedStart());
		Instant end = this.run.plan().origin().plus(bed.courseEnd()).plus(EPISODE_MARGIN);
		return !alarm.at().isBefore(start) && !alarm.at().isAfter(end);
	}

	String artefactCause(AlarmRecord alarm) {
		List<Episode> episodes = this.run.episodes().getOrDefault(alarm.bed(), List.of());
		Instant from = alarm.at().minus(CAUSE_WINDOW);
		Instant to = alarm.at().plusSeconds(1);
		for (ArtefactKind kind : CAUSE_ORDER) {
			for (Episode episode : episodes) {
				if (episode.kind() == kind && episode.overlaps(from, to)
						&& (alarm.device() == null || alarm.device().equals(episode.device()))) {
					return kind.name().toLowerCase().replace('_', ' ') + " artefact";
				}
			}
		}
		return "no artefact: variability near a threshold";
	}

	/**
	 * When the ground truth of a bed first meets an alarm condition, sustained: the start
	 * of the first minute after the scripted start in which the artefact-free physiology
	 * meets it (NEWS2 low-medium or worse with the true consciousness and oxygen, or a
	 * value beyond an outer limit in force) in at least half of its seconds. The
	 * physiology includes beat-to-beat noise, so a value near a threshold crosses it now
	 * and then long before it stays there.
	 * @param bed the bed
	 * @return the instant, or {@code null} if never within the run
	 */
	Instant criterion(BedPlan bed) {
		Truth truth = this.run.truths().get(bed.bed());
		Map<Parameter, ThresholdRule> rules = this.run.rules().get(bed.patient());
		Instant start = this.run.plan().origin().plus(bed.scriptedStart());
		int seconds = (int) Duration.between(start, this.run.end()).toSeconds();
		int window = (int) SUSTAINED.toSeconds();
		boolean[] meets = new boolean[Math.max(0, seconds)];
		int inWindow = 0;
		for (int s = 0; s < seconds; s++) {
			meets[s] = meets(truth, rules, start.plusSeconds(s));
			inWindow += meets[s] ? 1 : 0;
			if (s >= window) {
				inWindow -= meets[s - window] ? 1 : 0;
			}
			if (s >= window - 1 && 2 * inWindow >= window) {
				return start.plusSeconds(s - window + 1);
			}
		}
		return null;
	}

	/**
	 * The clinical onset of a scripted deterioration (docs/benchmarks.md, "Alarm burden",
	 * definitions): the first second at or after the scripted start at which the
	 * scripted, noise-free physiology ({@link Truth#expected}: baseline, course,
	 * circadian rhythm; no stress factor, drift or measurement noise; the scripted ACVPU
	 * and oxygen) warrants a response under NEWS2 (RCP 2017): an aggregate score of 5 or
	 * more, or a single parameter scoring 3, or a value beyond a critical (high-priority)
	 * limit in force for the patient. Computed from the simulator's truth only, never
	 * from the engine.
	 * @param bed the bed
	 * @return the onset and what warranted the response, or {@code null} if never within
	 * the run
	 */
	Onset onset(BedPlan bed) {
		Truth truth = this.run.truths().get(bed.bed());
		Map<Parameter, ThresholdRule> rules = this.run.rules().get(bed.patient());
		Instant start = this.run.plan().origin().plus(bed.scriptedStart());
		for (Instant at = start; at.isBefore(this.run.end()); at = at.plusSeconds(1)) {
			String why = warrants(truth, rules, at);
			if (why != null) {
				return new Onset(at, why);
			}
		}
		return null;
	}

	/**
	 * What the noise-free course of a bed that never reached an onset did reach, e.g.
	 * {@code "noise-free NEWS2 at most 3, heart rate 41-118 /min"}.
	 * @param bed the bed
	 * @return the description
	 */
	String peak(BedPlan bed) {
		Truth truth = this.run.truths().get(bed.bed());
		Instant start = this.run.plan().origin().plus(bed.scriptedStart());
		int total = 0;
		double lowest = Double.MAX_VALUE;
		double highest = 0;
		for (Instant at = start; at.isBefore(this.run.end()); at = at.plusSeconds(10)) {
			Vitals expected = truth.expected(at);
			total = Math.max(total, truth.score(expected, at).total());
			lowest = Math.min(lowest, expected.heartRate());
			highest = Math.max(highest, expected.heartRate());
		}
		return String.format(Locale.ROOT, "noise-free NEWS2 at most %d, heart rate %.0f-%.0f /min", total, lowest,
				highest);
	}

	private static String warrants(Truth truth, Map<Parameter, ThresholdRule> rules, Instant at) {
		Vitals expected = truth.expected(at);
		News2Score score = truth.score(expected, at);
		if (score.total() >= 5) {
			return "NEWS2 " + score.total();
		}
		if (score.singleParameterThree()) {
			String three = score.subScores()
				.entrySet()
				.stream()
				.filter((e) -> e.getValue() == 3)
				.map((e) -> e.getKey().code())
				.findFirst()
				.orElseThrow();
			return "NEWS2 " + score.total() + ", 3 in " + three;
		}
		for (Map.Entry<Parameter, ThresholdRule> entry : rules.entrySet()) {
			ThresholdRule rule = entry.getValue();
			Double value = Truth.value(expected, entry.getKey());
			if (value == null || !rule.enabled()) {
				continue;
			}
			if ((rule.criticalLow() != null && value < rule.criticalLow())
					|| (rule.criticalHigh() != null && value > rule.criticalHigh())) {
				return "critical limit: " + entry.getKey().canonicalName() + " " + value;
			}
		}
		return null;
	}

	/**
	 * The clinical onset of a scripted deterioration.
	 *
	 * @param at when the noise-free physiology first warranted a response
	 * @param why what warranted it (NEWS2 total, the parameter scoring 3, or the critical
	 * limit)
	 */
	record Onset(Instant at, String why) {

	}

	private static boolean meets(Truth truth, Map<Parameter, ThresholdRule> rules, Instant at) {
		if (truth.news2(at).compareTo(News2Risk.LOW_MEDIUM) >= 0) {
			return true;
		}
		for (Map.Entry<Parameter, ThresholdRule> rule : rules.entrySet()) {
			Double value = truth.value(rule.getKey(), at);
			if (value != null && rule.getValue().enabled()
					&& (beyond(rule.getValue(), true, AlarmPriority.MEDIUM, value)
							|| beyond(rule.getValue(), false, AlarmPriority.MEDIUM, value))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A verdict.
	 *
	 * @param actionable whether the alarm was actionable
	 * @param reason why it was, or where it came from if not
	 */
	record Verdict(boolean actionable, String reason) {

	}

}
