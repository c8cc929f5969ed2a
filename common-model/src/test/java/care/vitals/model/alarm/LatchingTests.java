package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.List;

import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.T0;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies latching (IEC 60601-1-8): an unacknowledged high-priority clinical alarm stays
 * on the list after its condition ended, saying so, until acknowledged, which releases
 * it; an acknowledged one resolves when its condition ends; medium alarms never latch.
 */
class LatchingTests {

	private final AlarmEngine engine = engine();

	@Test
	void anUnacknowledgedHighAlarmStaysUntilAcknowledged() {
		this.engine.assign(BED_12, MONITOR, T0);
		List<AlarmTransition> transitions = new ArrayList<>();
		for (int s = 0; s < 30; s++) {
			transitions.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 80)));
		}
		for (int s = 30; s < 60; s++) {
			transitions.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 97)));
		}
		assertThat(describe(transitions)).containsExactly("spo2_low HIGH RAISED @15", "spo2_low HIGH RAISED (updated)");
		Alarm latched = this.engine.active(BED_12.patient()).get(0);
		assertThat(latched.message()).contains("condition ended").contains("latched until acknowledged");
		assertThat(latched.state()).isEqualTo(AlarmState.RAISED);

		AckOutcome ack = this.engine.acknowledge(latched.alarmId(), "nurse.jones", at(70));
		assertThat(describe(((AckOutcome.Acknowledged) ack).transitions()))
			.containsExactly("spo2_low HIGH ACKNOWLEDGED @70", "spo2_low HIGH RESOLVED @70");
		assertThat(this.engine.active(BED_12.patient())).isEmpty();
	}

	@Test
	void aNewEpisodeWhileLatchedIsANewAlarmBesideTheLatchedOne() {
		this.engine.assign(BED_12, MONITOR, T0);
		for (int s = 0; s < 30; s++) {
			this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 80));
		}
		for (int s = 30; s < 60; s++) {
			this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 97));
		}
		List<AlarmTransition> again = new ArrayList<>();
		for (int s = 60; s < 90; s++) {
			again.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 80)));
		}
		assertThat(describe(again)).containsExactly("spo2_low HIGH RAISED @75");
		assertThat(this.engine.active(BED_12.patient())).hasSize(2).extracting(Alarm::alarmId).doesNotHaveDuplicates();
	}

	@Test
	void anAcknowledgedHighAlarmAndAMediumAlarmResolveWhenTheirConditionEnds() {
		this.engine.assign(BED_12, MONITOR, T0);
		List<AlarmTransition> raised = new ArrayList<>();
		for (int s = 0; s < 30; s++) {
			raised.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 80)));
		}
		this.engine.acknowledge(raised.get(0).alarm().alarmId(), "nurse.jones", at(31));
		List<AlarmTransition> transitions = new ArrayList<>();
		for (int s = 31; s < 60; s++) {
			transitions.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 97)));
		}
		for (int s = 60; s < 90; s++) {
			transitions.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 88)));
		}
		for (int s = 90; s < 120; s++) {
			transitions.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 97)));
		}
		assertThat(describe(transitions)).containsExactly("spo2_low HIGH RESOLVED @41", "spo2_low MEDIUM RAISED @75",
				"spo2_low MEDIUM RESOLVED @100");
		assertThat(this.engine.active(BED_12.patient())).isEmpty();
	}

}
