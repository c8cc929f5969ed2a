package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.List;

import care.vitals.model.news2.News2Inputs;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.News2Scorer;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.reading.Consciousness;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the NEWS2 alarms: one alarm per episode, escalating at once and de-escalating
 * or resolving only after the lower band has held for the hold period; its text and value
 * follow the score; an acknowledgement survives fluctuations and is re-alerted by a
 * worsening; partial scores only raise or escalate.
 */
class News2AlarmTests {

	private final AlarmEngine engine = engine();

	@Test
	void oneAlarmPerEpisodeEscalatesAtOnceAndDeEscalatesAfterTheHold() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onScore(BED_12, complete(0, 0)));
		transitions.addAll(this.engine.onScore(BED_12, complete(4, 60)));
		transitions.addAll(this.engine.onScore(BED_12, complete(5, 120)));
		transitions.addAll(this.engine.onScore(BED_12, complete(7, 240)));
		transitions.addAll(this.engine.onScore(BED_12, complete(5, 300)));
		transitions.addAll(this.engine.onScore(BED_12, singleThree(360)));
		transitions.addAll(this.engine.onScore(BED_12, complete(1, 420)));
		assertThat(describe(transitions)).containsExactly("news2_medium MEDIUM RAISED @120",
				"news2_high HIGH RAISED (updated)", "news2_high HIGH RAISED (updated)",
				"news2_high HIGH RAISED (updated)", "news2_high HIGH RAISED (updated)");
		String id = transitions.get(0).alarm().alarmId();
		assertThat(transitions).allMatch((t) -> t.alarm().alarmId().equals(id));
		Alarm high = transitions.get(1).alarm();
		assertThat(high.device()).isNull();
		assertThat(high.value()).isEqualTo(7.0);
		assertThat(high.message()).startsWith("NEWS2 7 (high risk): Emergency response");
		assertThat(transitions.get(4).alarm().message()).startsWith("NEWS2 1 (low risk)")
			.contains("high risk held until the lower score has lasted 5 min");
		assertThat(describe(this.engine.tick(at(539)))).as("the 7 still counts; 7 min unacknowledged, high")
			.containsExactly("news2_high HIGH RAISED escalated 2");
		assertThat(describe(this.engine.tick(at(541)))).containsExactly("news2_medium MEDIUM RAISED (updated)");
		assertThat(describe(this.engine.tick(at(601)))).containsExactly("news2_single MEDIUM RAISED (updated)");
		assertThat(describe(this.engine.tick(at(661)))).containsExactly("news2_single MEDIUM RESOLVED @661");
	}

	/**
	 * Verifies the chatter of the issue: a total alternating 6 and 7 every 2 s for 90 s
	 * is one alarm, raised once, escalated once.
	 */
	@Test
	void aFlickeringTotalIsOneAlarm() {
		List<AlarmTransition> transitions = new ArrayList<>();
		for (int s = 0; s < 90; s += 2) {
			transitions.addAll(this.engine.onScore(BED_12, complete((s % 4 == 0) ? 6 : 7, s)));
			transitions.addAll(this.engine.tick(at(s + 1)));
		}
		assertThat(transitions.stream().filter(AlarmTransition::raised)).hasSize(1);
		assertThat(transitions.stream().filter((t) -> t.alarm().state() == AlarmState.RESOLVED)).isEmpty();
		assertThat(transitions.stream().map((t) -> t.alarm().alarmId()).distinct()).hasSize(1);
		assertThat(this.engine.active(BED_12.patient())).singleElement()
			.satisfies((alarm) -> assertThat(alarm.kind()).isEqualTo(AlarmKinds.NEWS2_HIGH));
	}

	@Test
	void anAcknowledgementSurvivesFluctuationsAndIsReAlertedByAWorsening() {
		AlarmTransition raised = only(this.engine.onScore(BED_12, complete(5, 0)));
		String id = raised.alarm().alarmId();
		this.engine.acknowledge(id, "nurse.jones", at(10));
		assertThat(describe(this.engine.onScore(BED_12, complete(6, 60)))).as("a rise of 1 within the band")
			.containsExactly("news2_medium MEDIUM ACKNOWLEDGED (updated)");
		AlarmTransition realerted = only(this.engine.onScore(BED_12, complete(7, 120)));
		assertThat(realerted.realerted()).as("the band rose").isTrue();
		assertThat(describe(List.of(realerted))).containsExactly("news2_high HIGH RAISED @120");
		assertThat(realerted.alarm().alarmId()).isEqualTo(id);
		this.engine.acknowledge(id, "nurse.jones", at(130));
		AckOutcome again = this.engine.acknowledge(id, "nurse.smith", at(131));
		assertThat(again).as("idempotent").isInstanceOf(AckOutcome.AlreadyAcknowledged.class);
		AlarmTransition rise = only(this.engine.onScore(BED_12, highWithSingleThree(9, 180)));
		assertThat(rise.realerted()).as("the total rose by 2 since the acknowledgement").isTrue();
		assertThat(rise.alarm().alarmId()).isEqualTo(id);
	}

	@Test
	void aReturnToABandAlreadyAcknowledgedInTheEpisodeDoesNotReAlert() {
		AlarmTransition raised = only(this.engine.onScore(BED_12, complete(7, 0)));
		this.engine.acknowledge(raised.alarm().alarmId(), "nurse.jones", at(10));
		this.engine.onScore(BED_12, complete(5, 60));
		assertThat(describe(this.engine.tick(at(361)))).containsExactly("news2_medium MEDIUM ACKNOWLEDGED (updated)");
		assertThat(this.engine.onScore(BED_12, complete(7, 400))).noneMatch(AlarmTransition::realerted);
		assertThat(this.engine.active(BED_12.patient()).get(0).state()).isEqualTo(AlarmState.ACKNOWLEDGED);
		assertThat(only(this.engine.onScore(BED_12, highWithSingleThree(9, 460))).realerted())
			.as("2 above the worst seen")
			.isTrue();
	}

	@Test
	void letsPartialScoresRaiseAndEscalateButNotResolve() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onScore(BED_12, partial(5, 0)));
		transitions.addAll(this.engine.onScore(BED_12, partial(3, 60)));
		transitions.addAll(this.engine.onScore(BED_12, partial(0, 120)));
		transitions.addAll(this.engine.onScore(BED_12, partial(7, 180)));
		transitions.addAll(this.engine.onScore(BED_12, partial(5, 240)));
		transitions.addAll(this.engine.onScore(BED_12, complete(2, 300)));
		assertThat(describe(transitions)).containsExactly("news2_medium MEDIUM RAISED @0",
				"news2_high HIGH RAISED (updated)", "news2_high HIGH RAISED (updated)");
		assertThat(transitions.get(0).alarm().message()).endsWith("; partial, not counted: systolic_bp, temperature");
		// the episode ends unacknowledged: it latches (and a latched alarm does not
		// escalate further: no tick ran while it was active here)
		assertThat(describe(this.engine.tick(at(481)))).containsExactly("news2_high HIGH RAISED (updated)");
	}

	/**
	 * Verifies that a single parameter scoring 3 is a medium-priority alarm (RCP: urgent
	 * ward-based response), as the risk table and the Grafana rule say.
	 */
	@Test
	void raisesASingleParameterThreeAtMediumPriority() {
		AlarmTransition raised = only(this.engine.onScore(BED_12, singleThree(0)));
		assertThat(raised.alarm().kind()).isEqualTo(AlarmKinds.NEWS2_SINGLE);
		assertThat(raised.alarm().priority()).isEqualTo(AlarmPriority.MEDIUM)
			.isEqualTo(RiskTable.news2Priority(News2Risk.LOW_MEDIUM).orElseThrow());
		assertThat(raised.alarm().message()).startsWith("NEWS2 3 (low-medium risk): Urgent ward-based response");
	}

	/**
	 * Verifies that low-medium and medium, the same priority, are still two bands: a rise
	 * from a single 3 to a total of 5 changes the alarm's kind in place even on a partial
	 * score, and a partial score never steps back down.
	 */
	@Test
	void changesBandWithinOnePriorityInPlace() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onScore(BED_12, partialSingleThree(0)));
		transitions.addAll(this.engine.onScore(BED_12, partial(5, 60)));
		transitions.addAll(this.engine.onScore(BED_12, partialSingleThree(120)));
		transitions.addAll(this.engine.onScore(BED_12, singleThree(180)));
		assertThat(describe(transitions)).containsExactly("news2_single MEDIUM RAISED @0",
				"news2_medium MEDIUM RAISED (updated)", "news2_medium MEDIUM RAISED (updated)");
		assertThat(describe(this.engine.tick(at(361)))).containsExactly("news2_single MEDIUM RAISED (updated)");
	}

	@Test
	void ignoresScoresOlderThanTheLastOne() {
		this.engine.onScore(BED_12, complete(7, 600));
		assertThat(this.engine.onScore(BED_12, complete(0, 0))).isEmpty();
		assertThat(this.engine.active(BED_12.patient())).extracting(Alarm::kind).containsExactly("news2_high");
	}

	@Test
	void canBeSwitchedOff() {
		AlarmEngine quiet = new AlarmEngine(AlarmRules.defaults().withNews2Alarms(false));
		assertThat(quiet.onScore(BED_12, complete(7, 0))).isEmpty();
	}

	@Test
	void keepsTheIdOfAnEpisodeAcrossItsTransitions() {
		AlarmTransition raised = only(this.engine.onScore(BED_12, complete(7, 0)));
		this.engine.acknowledge(raised.alarm().alarmId(), "nurse.jones", at(30));
		this.engine.onScore(BED_12, complete(0, 60));
		AlarmTransition resolved = only(this.engine.tick(at(361)));
		assertThat(resolved.alarm().alarmId()).isEqualTo(raised.alarm().alarmId());
		assertThat(resolved.alarm().state()).isEqualTo(AlarmState.RESOLVED);
		assertThat(resolved.from()).isEqualTo(AlarmState.ACKNOWLEDGED);
	}

	/** A high score of {@code total} (7 or more) with a single 3: consciousness V. */
	static News2Score highWithSingleThree(int total, double seconds) {
		News2Score base = complete(total - 3, seconds);
		News2Score score = News2Scorer.score(
				new News2Inputs((total - 3 >= 2) ? 22.0 : 16.0, base.total() >= 4 ? 93.0 : 97.0, false,
						(total - 3 >= 6) ? 105.0 : 120.0, (total - 3 >= 5) ? 95.0 : 70.0, Consciousness.V, 36.8),
				SpO2Scale.SCALE_1, at(seconds));
		return score;
	}

	/**
	 * A complete score with the given total, 0-7, without any single 3: respiration 22
	 * (2), SpO2 93 or 95 (2 or 1), pulse 95 (1), systolic 105 (1), temperature 38.5 (1).
	 */
	static News2Score complete(int total, double seconds) {
		double rr = (total >= 2) ? 22 : 16;
		double spo2 = switch (total) {
			case 0, 2 -> 97;
			case 1, 3 -> 95;
			default -> 93;
		};
		double hr = (total >= 5) ? 95 : 70;
		double sbp = (total >= 6) ? 105 : 120;
		double temp = (total >= 7) ? 38.5 : 36.8;
		News2Score score = News2Scorer.score(new News2Inputs(rr, spo2, false, sbp, hr, Consciousness.A, temp),
				SpO2Scale.SCALE_1, at(seconds));
		assertThat(score.total()).isEqualTo(total);
		assertThat(score.singleParameterThree()).isFalse();
		return score;
	}

	static News2Score singleThree(double seconds) {
		return News2Scorer.score(new News2Inputs(16.0, 97.0, false, 120.0, 70.0, Consciousness.V, 36.8),
				SpO2Scale.SCALE_1, at(seconds));
	}

	/**
	 * A partial score of 3 from a single 3 (consciousness V; SBP, temperature missing).
	 */
	static News2Score partialSingleThree(double seconds) {
		News2Score score = News2Scorer.score(new News2Inputs(16.0, 97.0, false, null, 70.0, Consciousness.V, null),
				SpO2Scale.SCALE_1, at(seconds));
		assertThat(score.partial()).isTrue();
		assertThat(score.singleParameterThree()).isTrue();
		return score;
	}

	/**
	 * A partial score (systolic BP and temperature missing) with the given total: 0, 3, 5
	 * or 7.
	 */
	static News2Score partial(int total, double seconds) {
		double rr = (total >= 3) ? 22 : 16;
		double spo2 = (total == 3) ? 95 : ((total >= 5) ? 93 : 97);
		double hr = (total >= 5) ? 95 : 70;
		boolean oxygen = total >= 7;
		News2Score score = News2Scorer.score(new News2Inputs(rr, spo2, oxygen, null, hr, Consciousness.A, null),
				SpO2Scale.SCALE_1, at(seconds));
		assertThat(score.total()).isEqualTo(total);
		assertThat(score.partial()).isTrue();
		return score;
	}

}
