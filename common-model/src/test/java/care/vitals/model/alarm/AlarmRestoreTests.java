package care.vitals.model.alarm;

import java.util.List;

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

	@Test
	void aRestoredNews2AlarmStaysInItsBand() {
		Alarm news2 = new Alarm("news2_high.x.1", BED_12.patient(), BED_12.ward(), BED_12.bed(), null,
				AlarmPriority.HIGH, AlarmKinds.NEWS2_HIGH, AlarmState.ACKNOWLEDGED, "NEWS2 8", 8.0, at(5));
		AlarmEngine restarted = engine();
		assertThat(restarted.restore(news2)).isTrue();
		assertThat(restarted.active(BED_12.patient())).containsExactly(news2);
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
