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
 * Verifies the NEWS2 alarms: raised when entering a band, replaced when the band changes,
 * resolved when leaving; partial scores only raise or escalate.
 */
class News2AlarmTests {

	private final AlarmEngine engine = engine();

	@Test
	void followsTheRiskBandsOfCompleteScores() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onScore(BED_12, complete(0, 0)));
		transitions.addAll(this.engine.onScore(BED_12, complete(4, 60)));
		transitions.addAll(this.engine.onScore(BED_12, complete(5, 120)));
		transitions.addAll(this.engine.onScore(BED_12, complete(6, 180)));
		transitions.addAll(this.engine.onScore(BED_12, complete(7, 240)));
		transitions.addAll(this.engine.onScore(BED_12, complete(5, 300)));
		transitions.addAll(this.engine.onScore(BED_12, singleThree(360)));
		transitions.addAll(this.engine.onScore(BED_12, complete(1, 420)));
		assertThat(describe(transitions)).containsExactly("news2_medium MEDIUM RAISED @120",
				"news2_medium MEDIUM RESOLVED @240", "news2_high HIGH RAISED @240", "news2_high HIGH RESOLVED @300",
				"news2_medium MEDIUM RAISED @300", "news2_medium MEDIUM RESOLVED @360",
				"news2_single MEDIUM RAISED @360", "news2_single MEDIUM RESOLVED @420");
		Alarm high = transitions.get(2).alarm();
		assertThat(high.device()).isNull();
		assertThat(high.value()).isEqualTo(7.0);
		assertThat(high.message()).startsWith("NEWS2 7 (high risk): Emergency response");
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
				"news2_medium MEDIUM RESOLVED @180", "news2_high HIGH RAISED @180", "news2_high HIGH RESOLVED @300");
		assertThat(transitions.get(0).alarm().message()).endsWith("; partial, not counted: systolic_bp, temperature");
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
	 * from a single 3 to a total of 5 replaces the alarm even on a partial score, and a
	 * partial score never steps back down.
	 */
	@Test
	void replacesTheAlarmWhenTheBandChangesWithinOnePriority() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onScore(BED_12, partialSingleThree(0)));
		transitions.addAll(this.engine.onScore(BED_12, partial(5, 60)));
		transitions.addAll(this.engine.onScore(BED_12, partialSingleThree(120)));
		transitions.addAll(this.engine.onScore(BED_12, singleThree(180)));
		assertThat(describe(transitions)).containsExactly("news2_single MEDIUM RAISED @0",
				"news2_single MEDIUM RESOLVED @60", "news2_medium MEDIUM RAISED @60",
				"news2_medium MEDIUM RESOLVED @180", "news2_single MEDIUM RAISED @180");
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
		AlarmTransition resolved = only(this.engine.onScore(BED_12, complete(0, 60)));
		assertThat(resolved.alarm().alarmId()).isEqualTo(raised.alarm().alarmId());
		assertThat(resolved.from()).isEqualTo(AlarmState.ACKNOWLEDGED);
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
