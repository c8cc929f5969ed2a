package care.vitals.model.alarm;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.News2Scorer;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.feed;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that alarms restored after a restart keep their id and acknowledgement, stay
 * while their condition lasts, and end the way they would have without the restart.
 */
class AlarmRestoreTests {

	@Test
	void anAcknowledgedSpo2AlarmStaysWhileTheSpo2StaysLowAndResolvesWhenItRecovers() {
		Alarm acknowledged = acknowledgedSpo2Alarm();
		AlarmEngine restarted = engine();
		assertThat(restarted.restore(acknowledged)).isTrue();
		assertThat(restarted.restore(acknowledged)).as("restored once").isFalse();
		assertThat(feed(restarted, Parameter.SPO2, 80, 100, 160)).isEmpty();
		assertThat(restarted.active(BED_12.patient())).containsExactly(acknowledged);
		List<AlarmTransition> recovered = feed(restarted, Parameter.SPO2, 97, 161, 200);
		assertThat(describe(recovered)).containsExactly("spo2_low HIGH RESOLVED @171");
		assertThat(recovered.get(0).alarm().alarmId()).isEqualTo(acknowledged.alarmId());
	}

	@Test
	void aRestoredAlarmCanStillBeAcknowledgedAndItsIdIsNotReused() {
		Alarm raised = new Alarm("no_data.abc.1", BED_12.patient(), BED_12.ward(), BED_12.bed(), MONITOR,
				AlarmPriority.MEDIUM, AlarmKinds.NO_DATA, AlarmState.RAISED, "No data", null, at(5));
		AlarmEngine restarted = engine();
		assertThat(restarted.restore(raised)).isTrue();
		assertThat(restarted.acknowledge(raised.alarmId(), "nurse-1", at(10)))
			.isInstanceOf(AckOutcome.Acknowledged.class);
		assertThat(describe(restarted.onReading(BED_12, reading(12, Parameter.HEART_RATE, 70))))
			.containsExactly("no_data MEDIUM RESOLVED @12");
	}

	@Test
	void aRestoredOfflineAlarmEndsWhenTheDeviceComesBack() {
		Alarm offline = new Alarm("device_offline.x.1", BED_12.patient(), BED_12.ward(), BED_12.bed(), MONITOR,
				AlarmPriority.MEDIUM, AlarmKinds.DEVICE_OFFLINE, AlarmState.ACKNOWLEDGED, "Device mon-7 offline", null,
				at(5));
		AlarmEngine restarted = engine();
		restarted.restore(offline);
		assertThat(restarted.tick(at(600))).isEmpty();
		assertThat(describe(restarted.onReading(BED_12, reading(601, Parameter.HEART_RATE, 70))))
			.containsExactly("device_offline MEDIUM RESOLVED @601");
	}

	/**
	 * Verifies that the technical alarms whose parameter is only in their text come back
	 * too: an impossible value until a valid value of that parameter 30 s later, two
	 * disagreeing sources until one source is left (or they agree) for 30 s.
	 */
	@Test
	void restoredImplausibleAndDisagreementAlarmsEndAsTheyWouldHaveEnded() {
		AlarmEngine before = engine();
		before.assign(BED_12, MONITOR, at(0));
		Alarm implausible = before.implausible(BED_12, MONITOR, Parameter.SPO2, "150 above 100", at(1)).get(0).alarm();
		Alarm disagree = new Alarm("sources_disagree.x.1", BED_12.patient(), BED_12.ward(), BED_12.bed(), null,
				AlarmPriority.LOW, AlarmKinds.SOURCES_DISAGREE, AlarmState.RAISED,
				"SpO2 sources disagree: ox-1 84 %, mon-7 97 %", null, at(2));
		AlarmEngine restarted = engine();
		restarted.assign(BED_12, MONITOR, at(3));
		assertThat(restarted.restore(implausible)).isTrue();
		assertThat(restarted.restore(disagree)).isTrue();
		assertThat(restarted.active(BED_12.patient())).extracting(Alarm::alarmId)
			.containsExactlyInAnyOrder(implausible.alarmId(), disagree.alarmId());
		assertThat(describe(restarted.onReading(BED_12, reading(10, Parameter.SPO2, 97)))).as("too early for either")
			.isEmpty();
		List<String> later = describe(restarted.onReading(BED_12, reading(45, Parameter.SPO2, 97)));
		assertThat(later).containsExactlyInAnyOrder("implausible_value MEDIUM RESOLVED @45",
				"sources_disagree LOW RESOLVED @45");
	}

	@Test
	void aRestoredNews2AlarmStaysInItsBand() {
		Alarm news2 = new Alarm("news2_high.x.1", BED_12.patient(), BED_12.ward(), BED_12.bed(), null,
				AlarmPriority.HIGH, AlarmKinds.NEWS2_HIGH, AlarmState.ACKNOWLEDGED, "NEWS2 8", 8.0, at(5));
		AlarmEngine restarted = engine();
		assertThat(restarted.restore(news2)).isTrue();
		assertThat(describe(restarted.onScore(BED_12, score(8, false, 10))))
			.as("the same episode: its text follows the score")
			.containsExactly("news2_high HIGH ACKNOWLEDGED (updated)");
		assertThat(restarted.onScore(BED_12, score(5, true, 11))).as("partial 5: could still be 8").isEmpty();
		assertThat(restarted.active(BED_12.patient())).singleElement().satisfies((alarm) -> {
			assertThat(alarm.alarmId()).isEqualTo(news2.alarmId());
			assertThat(alarm.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
		});
		assertThat(describe(restarted.onScore(BED_12, score(3, true, 12))))
			.as("partial 3 without consciousness: at most 6, below the high band, held for the hold period")
			.containsExactly("news2_high HIGH ACKNOWLEDGED (updated)");
		assertThat(describe(restarted.tick(at(12 + 300)))).containsExactly("news2_high HIGH RESOLVED @312");
	}

	/**
	 * A score of {@code total} from heart rate and respiration rate alone (no single 3),
	 * complete or with consciousness missing.
	 */
	private static News2Score score(int total, boolean consciousnessMissing, double seconds) {
		Map<News2Parameter, Integer> subScores = new EnumMap<>(News2Parameter.class);
		for (News2Parameter parameter : News2Parameter.values()) {
			subScores.put(parameter, 0);
		}
		subScores.put(News2Parameter.HEART_RATE, Math.min(total, 2));
		subScores.put(News2Parameter.RESP_RATE, Math.min(Math.max(total - 2, 0), 2));
		subScores.put(News2Parameter.TEMPERATURE, Math.min(Math.max(total - 4, 0), 2));
		subScores.put(News2Parameter.SYSTOLIC_BP, Math.max(total - 6, 0));
		Set<News2Parameter> missing = EnumSet.noneOf(News2Parameter.class);
		if (consciousnessMissing) {
			subScores.remove(News2Parameter.CONSCIOUSNESS);
			missing.add(News2Parameter.CONSCIOUSNESS);
		}
		return new News2Score(total, News2Scorer.risk(total, false), subScores, SpO2Scale.SCALE_1, missing, Set.of(),
				at(seconds));
	}

	@Test
	void resolvedAlarmsAndUnknownKindsAreNotRestored() {
		Alarm resolved = acknowledgedSpo2Alarm().moveTo(AlarmState.RESOLVED, at(200));
		Alarm unknown = new Alarm("button.x.1", BED_12.patient(), BED_12.ward(), BED_12.bed(), MONITOR,
				AlarmPriority.LOW, "button", AlarmState.RAISED, "Button", null, at(5));
		AlarmEngine restarted = engine();
		assertThat(restarted.restore(resolved)).isFalse();
		assertThat(restarted.restore(unknown)).isFalse();
		assertThat(restarted.active(BED_12.patient())).isEmpty();
	}

	/** SpO2 at 80 % for a minute, the high alarm acknowledged. */
	private static Alarm acknowledgedSpo2Alarm() {
		AlarmEngine before = engine();
		before.assign(BED_12, MONITOR, at(0));
		feed(before, Parameter.SPO2, 80, 0, 60);
		Alarm raised = before.active(BED_12.patient()).get(0);
		AckOutcome ack = before.acknowledge(raised.alarmId(), "nurse-1", at(61));
		return ((AckOutcome.Acknowledged) ack).transition().alarm();
	}

}
