package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import care.vitals.model.alarm.AlarmPriority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness on a ward small enough to check by hand (2 beds, 2 simulated hours, no
 * artefacts, no outages): the real clinical engine, the real device models and the
 * counting. The full benchmark is {@code bash bench/alarm-burden.sh}.
 */
class AlarmBurdenSmokeTests {

	private static RunResult run;

	private static Tally tally;

	@BeforeAll
	static void runSmokeWard() {
		run = new WardRun(WardPlan.smoke()).run();
		tally = new Tally(run);
	}

	@Test
	void stablePatientWithoutArtefactsGivesNoAlarm() {
		assertThat(run.alarms()).filteredOn((alarm) -> alarm.bed() == 1).isEmpty();
		assertThat(tally.alarmsOf(1)).isZero();
	}

	@Test
	void scriptedHaemorrhageIsAlarmedByATrueClinicalAlarm() {
		assertThat(tally.sensitivity).hasSize(1);
		Sensitivity haemorrhage = tally.sensitivity.get(0);
		assertThat(haemorrhage.bed().bed()).isEqualTo(2);
		assertThat(haemorrhage.start()).isEqualTo(WardPlan.ORIGIN.plus(Duration.ofMinutes(15)));
		assertThat(haemorrhage.alarmed()).isTrue();
		assertThat(haemorrhage.firstTrue().clinical()).isTrue();
		assertThat(haemorrhage.criterion()).isNotNull();
		assertThat(haemorrhage.fromCriterion()).isLessThanOrEqualTo(Sensitivity.TARGET);
		// the clinical onset: the noise-free bleed first warrants a response after the
		// scripted start, and the first true alarm comes within the target of it
		assertThat(haemorrhage.onset().at()).isAfter(haemorrhage.start());
		assertThat(haemorrhage.withinTargetOfOnset()).isTrue();
		assertThat(run.alarms()).anyMatch((alarm) -> alarm.bed() == 2 && alarm.priority() == AlarmPriority.HIGH);
	}

	@Test
	void countsAddUpOnTheHandCheckableWard() {
		long raised = run.alarms().stream().filter((alarm) -> alarm.step() == AlarmRecord.Step.RAISED).count();
		assertThat(tally.raised).hasSize((int) raised);
		assertThat(tally.alarmsOf(2)).isEqualTo((int) raised);
		// 2 beds for 2 hours: a sixth of a bed-day
		assertThat(tally.bedDays()).isEqualTo(2 * 2 / 24.0);
		assertThat(tally.perBedDay((int) raised)).isEqualTo(raised * 6.0);
		int byPriority = tally.byPriority.values().stream().mapToInt((counts) -> counts[0]).sum();
		assertThat(byPriority).isEqualTo((int) raised);
		// every alarm is bed 2's, clinical, and within its bleed (onset 0:15 to the end
		// of the course 1:05 plus an hour): all actionable, no cause of false alarms
		assertThat(tally.raised).allMatch(AlarmRecord::clinical);
		assertThat(tally.actionable).isEqualTo((int) raised);
		assertThat(tally.causes).isEmpty();
		assertThat(run.indications()).isZero();
	}

	@Test
	void judgeFollowsTheDefinitions() {
		Instant at = WardPlan.ORIGIN.plus(Duration.ofMinutes(30));
		AlarmRecord shortProbeOff = record("a1", 1, "probe_off", AlarmPriority.MEDIUM, at);
		AlarmRecord longProbeOff = record("a2", 1, "probe_off", AlarmPriority.MEDIUM, at);
		AlarmRecord battery = record("a3", 1, "battery_low", AlarmPriority.LOW, at);
		AlarmRecord gap = record("a4", 1, "sequence_gap", AlarmPriority.LOW, at);
		AlarmRecord stableSpo2 = record("a5", 1, "spo2_low", AlarmPriority.MEDIUM, at);
		AlarmRecord bleedSpo2 = record("a6", 2, "spo2_low", AlarmPriority.MEDIUM, at);
		AlarmRecord stableNews2 = record("a7", 1, "news2_high", AlarmPriority.HIGH, at);
		RunResult synthetic = new RunResult(run.plan(),
				List.of(shortProbeOff, longProbeOff, battery, gap, stableSpo2, bleedSpo2, stableNews2),
				Map.of("a1", at.plusSeconds(30), "a2", at.plusSeconds(180)), 0, Map.of(), run.truths(), run.rules(),
				Map.of(), 0);
		Judge judge = new Judge(synthetic);
		assertThat(judge.judge(shortProbeOff).actionable()).isFalse();
		assertThat(judge.judge(longProbeOff).actionable()).isTrue();
		assertThat(judge.judge(battery).actionable()).isTrue();
		assertThat(judge.judge(gap).actionable()).isFalse();
		assertThat(judge.judge(stableSpo2))
			.isEqualTo(new Judge.Verdict(false, "no artefact: variability near a threshold"));
		assertThat(judge.judge(bleedSpo2)).isEqualTo(new Judge.Verdict(true, "within a scripted deterioration"));
		assertThat(judge.judge(stableNews2).actionable()).isFalse();
		Tally counted = new Tally(synthetic);
		assertThat(counted.actionable).isEqualTo(3);
		assertThat(counted.byKind.get("probe_off | medium")).containsExactly(2, 1);
	}

	@Test
	void writingTheSectionKeepsTheOtherSections() {
		String document = "# Benchmarks\n\n## Ingest\nnumbers\n\n" + Report.START + "\nold\n" + Report.END
				+ "\n\n## Publisher\nmore\n";
		String updated = AlarmBurdenBenchmark.replaceSection(document, Report.START + "\nnew\n" + Report.END + "\n");
		assertThat(updated).contains("## Ingest\nnumbers", "## Publisher\nmore", "\nnew\n").doesNotContain("old");
		String appended = AlarmBurdenBenchmark.replaceSection("# Benchmarks\n", Report.START + "\nnew\n" + Report.END);
		assertThat(appended).startsWith("# Benchmarks\n").contains("new");
	}

	private static AlarmRecord record(String id, int bed, String kind, AlarmPriority priority, Instant at) {
		return new AlarmRecord(id, bed, kind, priority, null, at, AlarmRecord.Step.RAISED);
	}

}
