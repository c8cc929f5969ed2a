package care.vitals.model.alarm;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AlarmTests {

	private static final Instant TS = Instant.parse("2026-11-27T18:00:00Z");

	private static Alarm raised() {
		return new Alarm("a-1", "p-1042", "ward-3", "12", "mon-7", AlarmPriority.HIGH, "spo2_low", AlarmState.RAISED,
				"SpO2 85 %", 85.0, TS);
	}

	@Test
	void movesThroughTheLifecycle() {
		Alarm acknowledged = raised().moveTo(AlarmState.ACKNOWLEDGED, TS.plusSeconds(30));
		Alarm resolved = acknowledged.moveTo(AlarmState.RESOLVED, TS.plusSeconds(90));
		assertThat(acknowledged.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
		assertThat(resolved.state()).isEqualTo(AlarmState.RESOLVED);
		assertThat(resolved.ts()).isEqualTo(TS.plusSeconds(90));
		assertThat(resolved.alarmId()).isEqualTo("a-1");
	}

	@Test
	void allowsResolvingWithoutAcknowledging() {
		assertThat(AlarmState.RAISED.canMoveTo(AlarmState.RESOLVED)).isTrue();
	}

	@Test
	void refusesToLeaveResolvedOrGoBack() {
		Alarm resolved = raised().moveTo(AlarmState.RESOLVED, TS);
		assertThatIllegalStateException().isThrownBy(() -> resolved.moveTo(AlarmState.RAISED, TS));
		assertThat(AlarmState.ACKNOWLEDGED.canMoveTo(AlarmState.RAISED)).as("re-alert on worsening").isTrue();
		assertThat(AlarmState.RAISED.canMoveTo(AlarmState.RAISED)).isFalse();
	}

	@Test
	void allowsAlarmsWithoutDeviceOrValue() {
		Alarm news2 = new Alarm("a-2", "p-1042", "ward-3", "12", null, AlarmPriority.MEDIUM, "news2_medium",
				AlarmState.RAISED, "NEWS2 5", null, TS);
		assertThat(news2.device()).isNull();
		assertThat(news2.value()).isNull();
	}

	@Test
	void rejectsInvalidIdentifiersAndKinds() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Alarm("a-1", "John Smith", "ward-3", "12", null,
				AlarmPriority.LOW, "x", AlarmState.RAISED, "", null, TS));
		assertThatIllegalArgumentException().isThrownBy(() -> new Alarm("a-1", "p-1", "ward/3", "12", null,
				AlarmPriority.LOW, "x", AlarmState.RAISED, "", null, TS));
		assertThatIllegalArgumentException().isThrownBy(() -> new Alarm("a-1", "p-1", "ward-3", "12", null,
				AlarmPriority.LOW, "SpO2 low", AlarmState.RAISED, "", null, TS));
		assertThatIllegalArgumentException().isThrownBy(() -> new Alarm("a-1", "p-1", "ward-3", "12", null,
				AlarmPriority.LOW, "x", AlarmState.RAISED, "", Double.NaN, TS));
	}

}
