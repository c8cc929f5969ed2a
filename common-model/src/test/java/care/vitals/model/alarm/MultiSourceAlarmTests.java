package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.List;

import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.OXIMETER;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that two sources of one parameter on one patient are tracked each on its own:
 * the worse confirmed source alarms, neither resets the other, and a lasting disagreement
 * is a technical alarm.
 */
class MultiSourceAlarmTests {

	private final AlarmEngine engine = engine();

	@Test
	void anOximeterAt84AndAMonitorAt97RaiseTheSpo2AlarmOnTheOximeter() {
		List<AlarmTransition> out = alternate(84, 97, 0, 40);
		assertThat(describe(out)).contains("spo2_low HIGH RAISED @15");
		Alarm spo2 = this.engine.active(BED_12.patient())
			.stream()
			.filter((alarm) -> alarm.kind().equals("spo2_low"))
			.findFirst()
			.orElseThrow();
		assertThat(spo2.device()).isEqualTo(OXIMETER);
		assertThat(describe(out).stream().filter((t) -> t.startsWith("spo2_low"))).hasSize(1);
	}

	@Test
	void theAlarmResolvesOnlyWhenNoSourceHoldsItAnyMore() {
		alternate(84, 97, 0, 40);
		List<AlarmTransition> out = alternate(97, 97, 41, 80);
		assertThat(describe(out)).contains("spo2_low HIGH RAISED (updated)");
		assertThat(this.engine.active(BED_12.patient()))
			.as("its condition ended: only latched (unacknowledged high) until acknowledged")
			.filteredOn((alarm) -> alarm.kind().equals("spo2_low"))
			.singleElement()
			.satisfies((alarm) -> assertThat(alarm.message()).contains("latched until acknowledged"));
	}

	@Test
	void aLastingDisagreementRaisesSourcesDisagreeAndAgreementResolvesIt() {
		List<AlarmTransition> out = alternate(84, 97, 0, 40);
		assertThat(describe(out)).contains("sources_disagree LOW RAISED @30.5");
		Alarm disagree = this.engine.active(BED_12.patient())
			.stream()
			.filter((alarm) -> alarm.kind().equals(AlarmKinds.SOURCES_DISAGREE))
			.findFirst()
			.orElseThrow();
		assertThat(disagree.message()).contains(OXIMETER, MONITOR, "84", "97");
		out = alternate(96, 97, 41, 80);
		assertThat(describe(out)).contains("sources_disagree LOW RESOLVED @71");
	}

	@Test
	void sourcesWithinTheClinicalMarginAgree() {
		List<AlarmTransition> out = alternate(95, 97, 0, 120);
		assertThat(out).isEmpty();
	}

	@Test
	void aSourceThatStoppedLongAgoIsNotComparedWith() {
		for (int s = 0; s < 10; s++) {
			this.engine.onReading(BED_12, reading(OXIMETER, s, Parameter.SPO2, 88));
		}
		List<AlarmTransition> out = new ArrayList<>();
		for (int s = 60; s < 120; s++) {
			out.addAll(this.engine.onReading(BED_12, reading(MONITOR, s, Parameter.SPO2, 97)));
		}
		assertThat(describe(out)).noneMatch((t) -> t.startsWith("sources_disagree"));
	}

	@Test
	void whenTheAlarmingSourceLeavesTheOtherSourceMustClearTheAlarmForTheClearDelay() {
		alternate(84, 97, 0, 40);
		this.engine.unassign(BED_12.patient(), OXIMETER, AlarmFixtures.at(41));
		List<AlarmTransition> out = new ArrayList<>();
		for (int s = 42; s <= 60; s++) {
			out.addAll(this.engine.onReading(BED_12, reading(MONITOR, s, Parameter.SPO2, 97)));
		}
		assertThat(describe(out)).containsExactly("spo2_low HIGH RAISED (updated)");
	}

	@Test
	void aMonitorSwappedOnAPatientWhoseSpo2StaysLowKeepsTheAlarmAndItsAcknowledgement() {
		this.engine.assign(BED_12, MONITOR, AlarmFixtures.T0);
		AlarmFixtures.feed(this.engine, Parameter.SPO2, 80, 0, 30);
		Alarm raised = this.engine.active(BED_12.patient()).get(0);
		this.engine.acknowledge(raised.alarmId(), "nurse-1", AlarmFixtures.at(31));
		this.engine.unassign(BED_12.patient(), MONITOR, AlarmFixtures.at(32));
		this.engine.assign(BED_12, OXIMETER, AlarmFixtures.at(33));
		List<AlarmTransition> out = AlarmFixtures.feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 80, 34, 90);
		assertThat(out).isEmpty();
		assertThat(this.engine.active(BED_12.patient())).singleElement()
			.satisfies((alarm) -> assertThat(alarm.alarmId()).isEqualTo(raised.alarmId()))
			.satisfies((alarm) -> assertThat(alarm.state()).isEqualTo(AlarmState.ACKNOWLEDGED));
	}

	/** One value of each source every second; the monitor half a second later. */
	private List<AlarmTransition> alternate(double oximeter, double monitor, int from, int to) {
		this.engine.assign(BED_12, OXIMETER, AlarmFixtures.T0);
		this.engine.assign(BED_12, MONITOR, AlarmFixtures.T0);
		List<AlarmTransition> out = new ArrayList<>();
		for (int s = from; s <= to; s++) {
			out.addAll(this.engine.onReading(BED_12, reading(OXIMETER, s, Parameter.SPO2, oximeter)));
			out.addAll(this.engine.onReading(BED_12, reading(MONITOR, s + 0.5, Parameter.SPO2, monitor)));
		}
		return out;
	}

}
