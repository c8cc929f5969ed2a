package care.vitals.model.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.vitals.model.device.DeviceStatus;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.OXIMETER;
import static care.vitals.model.alarm.AlarmFixtures.T0;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.event;
import static care.vitals.model.alarm.AlarmFixtures.only;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the technical alarms: battery, offline (Last Will), no data, sequence gaps and
 * unassignment.
 */
class TechnicalAlarmTests {

	private final AlarmEngine engine = engine();

	@Test
	void raisesLowBatteryLowThenMediumAndClearsWithHysteresis() {
		List<AlarmTransition> transitions = new ArrayList<>();
		for (double level : new double[] { 25, 20, 19.9, 15, 10, 9.9, 5, 15, 21.9, 22 }) {
			transitions.addAll(this.engine.onStatus(BED_12, status(level), T0));
		}
		assertThat(describe(transitions)).containsExactly("battery_low LOW RAISED @0", "battery_low LOW RESOLVED @0",
				"battery_low MEDIUM RAISED @0", "battery_low MEDIUM RESOLVED @0");
		assertThat(transitions.get(0).alarm().value()).isEqualTo(19.9);
		assertThat(transitions.get(0).alarm().message()).isEqualTo("Battery 19.9% on ox-2");
	}

	@Test
	void takesTheBatteryFromReadingsAndEvents() {
		assertThat(describe(this.engine.onReading(BED_12, reading(OXIMETER, 0, Parameter.BATTERY, 18))))
			.containsExactly("battery_low LOW RAISED @0");
		assertThat(describe(this.engine.onEvent(BED_12, event(OXIMETER, 5, "battery_low", Map.of("battery", "8.5")))))
			.containsExactly("battery_low LOW RESOLVED @5", "battery_low MEDIUM RAISED @5");
		assertThat(this.engine.onEvent(BED_12, event(OXIMETER, 6, "battery_low", Map.of("battery", "lots")))).isEmpty();
		assertThat(this.engine.onEvent(BED_12, event(OXIMETER, 7, "battery_low", Map.of()))).isEmpty();
	}

	@Test
	void raisesOfflineOnTheLastWillUntilOnlineAgain() {
		AlarmTransition offline = only(this.engine.onStatus(BED_12, DeviceStatus.offline(MONITOR), at(10)));
		assertThat(describe(offline)).isEqualTo("device_offline MEDIUM RAISED @10");
		assertThat(offline.alarm().device()).isEqualTo(MONITOR);
		assertThat(this.engine.onStatus(BED_12, DeviceStatus.offline(MONITOR), at(11))).isEmpty();
		assertThat(describe(this.engine.onStatus(BED_12, online(), at(40))))
			.containsExactly("device_offline MEDIUM RESOLVED @40");
		assertThat(this.engine.onStatus(BED_12, online(), at(41))).isEmpty();
	}

	@Test
	void resolvesOfflineOnTheNextReading() {
		this.engine.onStatus(BED_12, DeviceStatus.offline(MONITOR), at(10));
		assertThat(describe(this.engine.onReading(BED_12, reading(20, Parameter.HEART_RATE, 70))))
			.containsExactly("device_offline MEDIUM RESOLVED @20");
	}

	@Test
	void raisesNoDataOnceForASilentAssignedDevice() {
		this.engine.assign(BED_12, MONITOR, T0);
		this.engine.onReading(BED_12, reading(0, Parameter.HEART_RATE, 70));
		assertThat(this.engine.tick(at(60))).isEmpty();
		AlarmTransition noData = only(this.engine.tick(at(60.001)));
		assertThat(describe(noData)).isEqualTo("no_data MEDIUM RAISED @60.001");
		assertThat(noData.alarm().message()).isEqualTo("No data from mon-7 for 60 s");
		assertThat(this.engine.tick(at(120))).isEmpty();
		assertThat(describe(this.engine.onReading(BED_12, reading(121, Parameter.HEART_RATE, 70))))
			.containsExactly("no_data MEDIUM RESOLVED @121");
	}

	@Test
	void measuresNoDataFromTheAssignmentWhenNothingCame() {
		this.engine.assign(BED_12, MONITOR, at(100));
		this.engine.assign(BED_12, MONITOR, at(150));
		assertThat(this.engine.tick(at(160))).isEmpty();
		assertThat(describe(this.engine.tick(at(161)))).containsExactly("no_data MEDIUM RAISED @161");
	}

	@Test
	void watchesOnlyAssignedDevices() {
		this.engine.onReading(BED_12, reading("obs-1", 0, Parameter.TEMPERATURE, 36.8));
		assertThat(this.engine.tick(at(3600))).isEmpty();
	}

	@Test
	void usesTheConfiguredNoDataTimeout() {
		AlarmEngine quick = new AlarmEngine(
				AlarmRules.defaults().with(TechnicalRules.defaults().withNoDataTimeout(Duration.ofSeconds(5))));
		quick.assign(BED_12, MONITOR, T0);
		assertThat(quick.tick(at(5))).isEmpty();
		assertThat(quick.tick(at(6))).hasSize(1);
	}

	@Test
	void raisesNoNoDataWhileOfflineOrInASensorFault() {
		this.engine.assign(BED_12, MONITOR, T0);
		this.engine.assign(BED_12, OXIMETER, T0);
		this.engine.onStatus(BED_12, DeviceStatus.offline(MONITOR), at(1));
		this.engine.onEvent(BED_12, event(OXIMETER, 1, "probe_off", Map.of("sensor", "spo2")));
		assertThat(describe(this.engine.tick(at(300)))).as("the probe off, not no-data")
			.containsExactly("probe_off MEDIUM RAISED @300");
		this.engine.onStatus(BED_12, online(), at(400));
		assertThat(this.engine.tick(at(460))).isEmpty();
		assertThat(describe(this.engine.tick(at(461)))).containsExactly("no_data MEDIUM RAISED @461");
	}

	@Test
	void raisesALowSequenceGapAlarmOnTheThirdGapWithinTenMinutes() {
		List<AlarmTransition> transitions = new ArrayList<>();
		for (long seq : new long[] { 1, 2, 3, 7, 8, 10 }) {
			transitions.addAll(this.engine.onReading(BED_12, sequenced(seq, seq)));
		}
		assertThat(transitions).as("two dropouts: nothing for a nurse to do").isEmpty();
		transitions.addAll(this.engine.onReading(BED_12, sequenced(15, 15)));
		AlarmTransition gap = only(transitions);
		assertThat(describe(gap)).isEqualTo("sequence_gap LOW RAISED @15");
		assertThat(gap.alarm().value()).isEqualTo(4.0);
		assertThat(gap.alarm().message()).isEqualTo("Missed 4 readings from mon-7 (sequence 10 to 15)");
	}

	@Test
	void forgetsGapsOlderThanTenMinutes() {
		List<AlarmTransition> transitions = new ArrayList<>();
		for (long seq : new long[] { 1, 3, 5, 700, 702 }) {
			transitions.addAll(this.engine.onReading(BED_12, sequenced(seq, seq)));
		}
		assertThat(transitions).noneMatch((t) -> t.alarm().kind().equals("sequence_gap"));
	}

	@Test
	void holdsTheGapAlarmThenResolvesOnGapFreeData() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onReading(BED_12, sequenced(0, 0)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(2, 2)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(4, 4)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(10, 10)));
		for (long seq = 11; seq <= 80; seq++) {
			transitions.addAll(this.engine.onReading(BED_12, sequenced(seq, seq)));
		}
		assertThat(describe(transitions)).containsExactly("sequence_gap LOW RAISED @10",
				"sequence_gap LOW RESOLVED @70");
	}

	@Test
	void treatsDuplicatesReorderingAndRestartsAsNoGap() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onReading(BED_12, sequenced(100, 0)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(101, 1)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(101, 1)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(99, 0.5)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(0, 30)));
		transitions.addAll(this.engine.onReading(BED_12, sequenced(1, 31)));
		assertThat(transitions).isEmpty();
	}

	@Test
	void resolvesTheTechnicalAlarmsOfAnUnassignedDevice() {
		this.engine.onStatus(BED_12, DeviceStatus.offline(MONITOR), at(0));
		this.engine.onStatus(BED_12, status(5), at(0));
		this.engine.onReading(BED_12, reading("nibp-1", 0, Parameter.SYSTOLIC_BP, 80));
		List<AlarmTransition> transitions = this.engine.unassign(BED_12.patient(), OXIMETER, at(10));
		assertThat(describe(transitions)).containsExactly("battery_low MEDIUM RESOLVED @10");
		assertThat(this.engine.active(BED_12.patient())).extracting(Alarm::kind)
			.containsExactly("systolic_bp_low", "device_offline");
		assertThat(this.engine.unassign(BED_12.patient(), OXIMETER, at(11))).isEmpty();
	}

	private static DeviceStatus status(double battery) {
		return new DeviceStatus(OXIMETER, true, battery, null, null, null);
	}

	private static DeviceStatus online() {
		return new DeviceStatus(MONITOR, true, null, null, null, null);
	}

	private static Reading sequenced(long sequence, double seconds) {
		return new Reading(MONITOR, at(seconds), sequence, Map.of(Parameter.HEART_RATE, 70.0), null, null);
	}

}
