package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.model.device.DeviceStatus;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the technical alarms about a device's time and values: no-data runs on receive
 * time, a clock off beyond tolerance is {@code clock_skew}, and an impossible value is
 * {@code implausible_value} until a valid value of that parameter follows.
 */
class DeviceTimeAlarmTests {

	private final AlarmEngine engine = engine();

	@Test
	void aDeviceWhoseClockIsBehindIsNeverSilentWhileItSends() {
		this.engine.assign(BED_12, MONITOR, at(0));
		List<AlarmTransition> out = new ArrayList<>();
		for (int s = 0; s < 120; s++) {
			// device time 90 s behind the receive time
			out.addAll(this.engine.onReading(BED_12, reading(s - 90, Parameter.HEART_RATE, 72), at(s)));
			out.addAll(this.engine.tick(at(s + 0.5)));
		}
		assertThat(describe(out)).noneMatch((t) -> t.startsWith("no_data"));
		out = this.engine.tick(at(120 + 61));
		assertThat(describe(out)).containsExactly("no_data MEDIUM RAISED @181");
	}

	@Test
	void aDeviceBackOnlineWithBufferedReadingsEndsItsOfflineAlarmWhenTheyArrive() {
		this.engine.assign(BED_12, MONITOR, at(0));
		this.engine.onStatus(BED_12, new DeviceStatus(MONITOR, false, null, null, null, null), at(100));
		List<AlarmTransition> out = this.engine.onReading(BED_12, reading(50, Parameter.HEART_RATE, 72), at(110));
		assertThat(describe(out)).containsExactly("device_offline MEDIUM RESOLVED @110");
	}

	@Test
	void clockSkewIsRaisedOnceAndResolvedWhenTheClockIsRight() {
		List<AlarmTransition> raised = this.engine.clockSkew(BED_12, MONITOR, Duration.ofSeconds(90), at(10));
		assertThat(describe(raised)).containsExactly("clock_skew LOW RAISED @10");
		assertThat(raised.get(0).alarm().message()).contains("90 s behind");
		assertThat(this.engine.clockSkew(BED_12, MONITOR, Duration.ofSeconds(90), at(11))).isEmpty();
		assertThat(describe(this.engine.clockSkew(BED_12, MONITOR, null, at(20))))
			.containsExactly("clock_skew LOW RESOLVED @20");
		assertThat(this.engine.clockSkew(BED_12, MONITOR, Duration.ofSeconds(-60), at(30)).get(0).alarm().message())
			.contains("60 s ahead");
	}

	@Test
	void anImpossibleValueRaisesATechnicalAlarmUntilAValidValueFollows() {
		List<AlarmTransition> out = new ArrayList<>(
				this.engine.implausible(BED_12, MONITOR, Parameter.SPO2, "150.0 %", at(0)));
		assertThat(this.engine.implausible(BED_12, MONITOR, Parameter.SPO2, "160.0 %", at(5))).isEmpty();
		out.addAll(this.engine.onReading(BED_12, reading(10, Parameter.SPO2, 97)));
		out.addAll(this.engine.onReading(BED_12, reading(20, Parameter.HEART_RATE, 80)));
		out.addAll(this.engine.onReading(BED_12, reading(35, Parameter.SPO2, 97)));
		assertThat(describe(out)).containsExactly("implausible_value MEDIUM RAISED @0",
				"implausible_value MEDIUM RESOLVED @35");
		assertThat(out.get(0).alarm().message()).contains("SpO2", "150.0 %");
	}

	@Test
	void aProfoundDesaturationIsAPatientNotAnArtefact() {
		this.engine.assign(BED_12, MONITOR, Instant.EPOCH);
		List<AlarmTransition> out = AlarmFixtures.feed(this.engine, Parameter.SPO2, 45, 0, 20);
		assertThat(describe(out)).containsExactly("spo2_low HIGH RAISED @15");
	}

}
