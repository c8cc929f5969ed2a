package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import care.vitals.model.alarm.AlarmPriority;
import care.vitals.publisher.device.DeviceKind;

/**
 * The markdown of the "Alarm burden" section of docs/benchmarks.md.
 */
final class Report {

	static final String START = "<!-- alarm-burden:start -->";

	static final String END = "<!-- alarm-burden:end -->";

	private final Tally tally;

	private final RunResult run;

	private final StringBuilder out = new StringBuilder();

	Report(Tally tally) {
		this.tally = tally;
		this.run = tally.run;
	}

	String markdown(String when, Duration wall) {
		WardPlan plan = this.run.plan();
		line(START);
		line("## Alarm burden");
		line("");
		line("Run " + when + " with `bash bench/alarm-burden.sh`: " + plan.beds().size() + " beds, "
				+ plan.length().toHours() + " simulated hours in " + wall.toSeconds() + " s on one core, seed "
				+ plan.seed() + " (`-Dburden.seed=" + plan.seed() + "` repeats it exactly), " + this.run.messages()
				+ " device messages through the publisher's encoders, the ingest's decoders and the ingest's "
				+ "`ClinicalEngine` (the code the ingest runs, on a simulated clock). Conditions, definitions and "
				+ "what the numbers mean: below the tables.");
		line("");
		headline();
		byKind();
		causes();
		realertCauses();
		deteriorations();
		beds();
		conditions();
		line(END);
		return this.out.toString();
	}

	private void headline() {
		Tally t = this.tally;
		int total = t.raised.size();
		int high = t.byPriority.get(AlarmPriority.HIGH)[0];
		int medium = t.byPriority.get(AlarmPriority.MEDIUM)[0];
		int low = t.byPriority.get(AlarmPriority.LOW)[0];
		long alarmed = t.sensitivity.stream().filter(Sensitivity::alarmed).count();
		long onset = t.sensitivity.stream().filter(Sensitivity::withinTargetOfOnset).count();
		long start = t.sensitivity.stream().filter(Sensitivity::withinTargetOfStart).count();
		long criterion = t.sensitivity.stream().filter(Sensitivity::withinTargetOfCriterion).count();
		int n = t.sensitivity.size();
		line("| | measured | target | anchor |");
		line("|---|---|---|---|");
		line("| alarms per bed per day (new alarms) | **" + fmt(t.perBedDay(total)) + "** (high "
				+ fmt(t.perBedDay(high)) + ", medium " + fmt(t.perBedDay(medium)) + ", low " + fmt(t.perBedDay(low))
				+ "); " + total + " alarms in " + fmt(t.bedDays()) + " bed-days | ≤ 10 " + met(t.perBedDay(total) <= 10)
				+ " | Drew 2014: 187 per bed per day (ICU) |");
		line("| actionable share of new alarms | **" + pct(t.actionableShare()) + "** (" + t.actionable + " of " + total
				+ "); clinical only: " + pct(clinicalShare()) + " | ≥ 50 % " + met(t.actionableShare() >= 0.5)
				+ " | Bonafide 2015: 87-99 % non-actionable |");
		long withOnset = t.sensitivity.stream().filter((s) -> s.onset() != null).count();
		long withoutOnsetAlarmed = t.sensitivity.stream().filter((s) -> s.onset() == null && s.alarmed()).count();
		line("| scripted deteriorations alarmed (condition true) | **" + alarmed + " of " + n
				+ "**; within 15 min of the clinical onset **" + onset + " of " + withOnset + "** with an onset (worst "
				+ worst(t) + ")"
				+ ((withOnset < n) ? "; " + (n - withOnset)
						+ " never reached an onset (no trigger threshold in the noise-free course), of which alarmed "
						+ withoutOnsetAlarmed : "")
				+ "; within 15 min of the scripted start " + start + " of " + n
				+ "; within 15 min of the previous criterion (artefact-free truth with its noise) " + criterion + " of "
				+ n + " | all within 15 min of onset " + met(onset == withOnset && alarmed == n) + " | |");
		int signals = total + t.realerts.size() + t.escalations.size();
		line("| all alarm signals (new alarms, re-alerts, escalations) per bed per day | " + fmt(t.perBedDay(signals))
				+ " | | |");
		line("| re-alerts (acknowledged alarm worsened) | " + t.realerts.size() + " ("
				+ fmt(t.perBedDay(t.realerts.size())) + " per bed per day; " + t.realertsActionable
				+ " actionable) | | |");
		line("| escalations in place (same alarm, higher priority) | " + t.escalations.size() + " ("
				+ fmt(t.perBedDay(t.escalations.size())) + " per bed per day) | | |");
		line("| `limit_changed` indications (not alarms: COPD SpO2 limits) | " + this.run.indications() + " | | |");
		line("");
	}

	private double clinicalShare() {
		int clinical = 0;
		int yes = 0;
		Judge judge = new Judge(this.run);
		for (AlarmRecord alarm : this.tally.raised) {
			if (alarm.clinical()) {
				clinical++;
				yes += judge.judge(alarm).actionable() ? 1 : 0;
			}
		}
		return (clinical == 0) ? 1 : yes / (double) clinical;
	}

	private void byKind() {
		line("By kind and priority (re-alerts and escalations counted apart from new alarms):");
		line("");
		line("| kind | priority | new alarms | per bed per day | actionable | re-alerts | escalations to it |");
		line("|---|---|---|---|---|---|---|");
		Map<String, int[]> others = new TreeMap<>();
		for (AlarmRecord alarm : this.tally.realerts) {
			others.computeIfAbsent(Tally.key(alarm), (k) -> new int[2])[0]++;
		}
		for (AlarmRecord alarm : this.tally.escalations) {
			others.computeIfAbsent(Tally.key(alarm), (k) -> new int[2])[1]++;
		}
		Map<String, int[]> keys = new TreeMap<>(this.tally.byKind);
		others.keySet().forEach((key) -> keys.putIfAbsent(key, new int[2]));
		keys.forEach((key, counts) -> {
			String[] parts = key.split(" \\| ");
			int[] more = others.getOrDefault(key, new int[2]);
			line("| `" + parts[0] + "` | " + parts[1] + " | " + counts[0] + " | " + fmt(this.tally.perBedDay(counts[0]))
					+ " | " + ((counts[0] > 0) ? counts[1] + " (" + pct(counts[1] / (double) counts[0]) + ")" : "-")
					+ " | " + more[0] + " | " + more[1] + " |");
		});
		line("");
	}

	private void causes() {
		line("Where the non-actionable alarms come from (kind: the artefact episode of the bed's devices in the "
				+ "minute before the alarm, or why a technical alarm had nothing to fix):");
		line("");
		line("| kind: cause | alarms | per bed per day |");
		line("|---|---|---|");
		this.tally.causes.entrySet()
			.stream()
			.sorted((a, b) -> b.getValue() - a.getValue())
			.forEach((e) -> line(
					"| " + e.getKey() + " | " + e.getValue() + " | " + fmt(this.tally.perBedDay(e.getValue())) + " |"));
		line("");
	}

	private void realertCauses() {
		line("Re-alerts by kind and the artefact episode of the bed's devices in the minute before (whether or not "
				+ "the re-alert was actionable):");
		line("");
		line("| kind: artefact before the re-alert | re-alerts |");
		line("|---|---|");
		this.tally.realertCauses.entrySet()
			.stream()
			.sorted((a, b) -> b.getValue() - a.getValue())
			.forEach((e) -> line("| " + e.getKey() + " | " + e.getValue() + " |"));
		line("");
	}

	private void deteriorations() {
		line("Scripted deteriorations (times from the start of the run; \"onset\": the clinical onset, the first "
				+ "second at which the scripted, noise-free physiology warrants a response under NEWS2: total 5 or "
				+ "more, a single parameter scoring 3, or a critical limit; \"first alarm\": the first clinical alarm "
				+ "signal after the scripted start whose condition is true in the artefact-free truth; \"previous "
				+ "criterion\": the artefact-free truth with its noise meets NEWS2 low-medium or an outer limit in "
				+ "half of a minute's seconds):");
		line("");
		line("| bed | scenario | profile | scripted start | onset (what warranted a response) | first clinical alarm | "
				+ "first alarm | onset to alarm | scripted start to alarm | previous criterion to alarm |");
		line("|---|---|---|---|---|---|---|---|---|---|");
		for (Sensitivity s : this.tally.sensitivity) {
			line("| " + s.bed().bed() + " | `" + s.bed().scenario() + "` | " + s.bed().profile() + " | "
					+ clock(s.start()) + " | "
					+ ((s.onset() != null)
							? "+" + span(Duration.between(s.start(), s.onset().at())) + " (" + s.onset().why() + ")"
							: "never (" + new Judge(this.run).peak(s.bed()) + ")")
					+ " | " + signal(s, s.firstAlarm()) + " | " + signal(s, s.firstTrue()) + " | "
					+ ((s.fromOnset() != null) ? "**" + span(s.fromOnset()) + "**" : "-") + " | "
					+ ((s.fromStart() != null) ? span(s.fromStart()) : "not alarmed") + " | "
					+ ((s.fromCriterion() != null) ? span(s.fromCriterion()) : "-") + " |");
		}
		line("");
	}

	private static String worst(Tally t) {
		return t.sensitivity.stream()
			.map(Sensitivity::fromOnset)
			.filter(Objects::nonNull)
			.max(Duration::compareTo)
			.map(Report::span)
			.orElse("-");
	}

	private void beds() {
		line("Per bed (new alarms, of which actionable, and re-alerts):");
		line("");
		line("| bed | profile | scenario | devices | new alarms | actionable | re-alerts |");
		line("|---|---|---|---|---|---|---|");
		for (BedPlan bed : this.run.plan().beds()) {
			int[] counts = this.tally.beds.getOrDefault(bed.bed(), new int[3]);
			line("| " + bed.bed() + " | " + bed.profile() + " | " + bed.scenario() + " | "
					+ String.join(" + ", bed.devices().stream().map((k) -> k.name().toLowerCase(Locale.ROOT)).toList())
					+ " | " + counts[0] + " | " + counts[1] + " | " + counts[2] + " |");
		}
		line("");
	}

	private String signal(Sensitivity s, AlarmRecord alarm) {
		if (alarm == null) {
			return "none";
		}
		return "`" + alarm.kind() + "` " + alarm.priority().name().toLowerCase(Locale.ROOT)
				+ ((alarm.step() != AlarmRecord.Step.RAISED) ? " (" + alarm.step().name().toLowerCase(Locale.ROOT) + ")"
						: "")
				+ " +" + span(Duration.between(s.start(), alarm.at()));
	}

	private void conditions() {
		WardPlan plan = this.run.plan();
		Map<String, Integer> profiles = new TreeMap<>();
		Map<String, Integer> devices = new TreeMap<>();
		StringBuilder scripted = new StringBuilder();
		for (BedPlan bed : plan.beds()) {
			profiles.merge(bed.profile().name(), 1, Integer::sum);
			for (DeviceKind kind : bed.devices()) {
				devices.merge(kind.name(), 1, Integer::sum);
			}
			if (bed.scenario() != care.vitals.publisher.physiology.Scenario.STABLE) {
				Instant start = plan.origin().plus(bed.deteriorates() ? bed.scriptedStart() : bed.scenarioStart());
				scripted.append((scripted.length() > 0) ? ", " : "")
					.append("bed ")
					.append(bed.bed())
					.append(' ')
					.append(bed.scenario())
					.append(" at ")
					.append(clock(start));
			}
		}
		StringBuilder outages = new StringBuilder();
		for (OutagePlan outage : plan.outages()) {
			outages.append((outages.length() > 0) ? ", " : "")
				.append("bed ")
				.append(outage.bed())
				.append(' ')
				.append(plan.beds()
					.get(outage.bed() - 1)
					.devices()
					.get(outage.device())
					.name()
					.toLowerCase(Locale.ROOT))
				.append(" at ")
				.append(clock(plan.origin().plus(outage.start())))
				.append(" for ")
				.append(span(outage.length()));
		}
		StringBuilder dead = new StringBuilder();
		this.run.deadDevices()
			.forEach((device, at) -> dead.append((dead.length() > 0) ? ", " : "")
				.append(device)
				.append(" at ")
				.append(clock(at)));
		line("");
		line("**Conditions of this run.** Profiles " + profiles + "; devices " + devices + "; artefact rate "
				+ plan.artefactRate() + " episodes per device and minute (the publisher's default). Scripted: "
				+ scripted + ". Network outages: " + outages + ". Batteries run flat: "
				+ ((dead.length() > 0) ? dead : "none") + ".");
	}

	private String clock(Instant at) {
		long minutes = Duration.between(this.run.plan().origin(), at).toMinutes();
		return String.format("T+%02d:%02d", minutes / 60, minutes % 60);
	}

	static String span(Duration duration) {
		if (duration.isNegative()) {
			return "-" + span(duration.negated());
		}
		long seconds = duration.toSeconds();
		if (seconds >= 3600) {
			return String.format("%dh%02d", seconds / 3600, (seconds % 3600) / 60);
		}
		return String.format("%d:%02d", seconds / 60, seconds % 60);
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, (value >= 100) ? "%.0f" : "%.1f", value);
	}

	private static String pct(double share) {
		return String.format(Locale.ROOT, "%.0f %%", 100 * share);
	}

	private static String met(boolean met) {
		return met ? "(met)" : "(**not met**)";
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

}
