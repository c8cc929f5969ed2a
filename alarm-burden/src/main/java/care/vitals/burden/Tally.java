package care.vitals.burden;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import care.vitals.model.alarm.AlarmPriority;

/**
 * The counts of a run: alarm signals by step, kind and priority, actionable or not and
 * why, and the sensitivity of every scripted deterioration.
 */
final class Tally {

	final RunResult run;

	final List<AlarmRecord> raised = new ArrayList<>();

	final List<AlarmRecord> realerts = new ArrayList<>();

	final List<AlarmRecord> escalations = new ArrayList<>();

	final Map<AlarmPriority, int[]> byPriority = new EnumMap<>(AlarmPriority.class);

	/** kind/priority: [count, actionable]. */
	final Map<String, int[]> byKind = new TreeMap<>();

	/** Where the non-actionable new alarms came from: "kind: cause" to count. */
	final Map<String, Integer> causes = new TreeMap<>();

	final Map<Integer, Integer> perBed = new TreeMap<>();

	/** Where the re-alerts come from: "kind: artefact cause" to count. */
	final Map<String, Integer> realertCauses = new TreeMap<>();

	/** By bed: [new alarms, actionable, re-alerts]. */
	final Map<Integer, int[]> beds = new TreeMap<>();

	final List<Sensitivity> sensitivity = new ArrayList<>();

	int actionable;

	int realertsActionable;

	Tally(RunResult run) {
		this.run = run;
		Judge judge = new Judge(run);
		for (AlarmPriority priority : AlarmPriority.values()) {
			this.byPriority.put(priority, new int[2]);
		}
		for (AlarmRecord alarm : run.alarms()) {
			switch (alarm.step()) {
				case REALERT -> {
					this.realerts.add(alarm);
					this.realertsActionable += judge.judge(alarm).actionable() ? 1 : 0;
					this.beds.computeIfAbsent(alarm.bed(), (b) -> new int[3])[2]++;
					this.realertCauses.merge(alarm.kind() + ": " + judge.artefactCause(alarm), 1, Integer::sum);
				}
				case ESCALATION -> this.escalations.add(alarm);
				case RAISED -> {
					this.raised.add(alarm);
					Judge.Verdict verdict = judge.judge(alarm);
					int yes = verdict.actionable() ? 1 : 0;
					this.actionable += yes;
					int[] priority = this.byPriority.get(alarm.priority());
					priority[0]++;
					priority[1] += yes;
					int[] kind = this.byKind.computeIfAbsent(
							alarm.kind() + " | " + alarm.priority().name().toLowerCase(), (k) -> new int[2]);
					kind[0]++;
					kind[1] += yes;
					if (!verdict.actionable()) {
						this.causes.merge(alarm.kind() + ": " + verdict.reason(), 1, Integer::sum);
					}
					this.perBed.merge(alarm.bed(), 1, Integer::sum);
					int[] bed = this.beds.computeIfAbsent(alarm.bed(), (b) -> new int[3]);
					bed[0]++;
					bed[1] += yes;
				}
			}
		}
		for (BedPlan bed : run.plan().beds()) {
			if (bed.deteriorates()) {
				this.sensitivity.add(sensitivity(bed, judge));
			}
		}
	}

	private Sensitivity sensitivity(BedPlan bed, Judge judge) {
		Instant start = this.run.plan().origin().plus(bed.scriptedStart());
		AlarmRecord first = null;
		AlarmRecord firstTrue = null;
		for (AlarmRecord alarm : this.run.alarms()) {
			if (alarm.bed() != bed.bed() || !alarm.clinical() || alarm.at().isBefore(start)) {
				continue;
			}
			if (first == null) {
				first = alarm;
			}
			if (judge.confirmed(alarm)) {
				firstTrue = alarm;
				break;
			}
		}
		return new Sensitivity(bed, start, judge.onset(bed), judge.criterion(bed), first, firstTrue);
	}

	/** The key of an alarm's kind and priority in the tables. */
	static String key(AlarmRecord alarm) {
		return alarm.kind() + " | " + alarm.priority().name().toLowerCase(java.util.Locale.ROOT);
	}

	/** Bed-days of the run. */
	double bedDays() {
		return this.run.plan().beds().size() * this.run.plan().length().toMinutes() / 1440.0;
	}

	double perBedDay(int count) {
		return count / bedDays();
	}

	double actionableShare() {
		return this.raised.isEmpty() ? 1 : this.actionable / (double) this.raised.size();
	}

	/** Alarms of a bed, excluding nothing. */
	int alarmsOf(int bed) {
		return this.perBed.getOrDefault(bed, 0);
	}

}
