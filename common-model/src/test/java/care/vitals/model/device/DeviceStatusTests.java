package care.vitals.model.device;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class DeviceStatusTests {

	@Test
	void createsTheLastWillStatus() {
		DeviceStatus status = DeviceStatus.offline("mon-7");
		assertThat(status.online()).isFalse();
		assertThat(status.battery()).isNull();
		assertThat(status.ts()).isNull();
	}

	@Test
	void acceptsBoundaryValues() {
		Instant ts = Instant.parse("2026-11-27T18:00:00Z");
		assertThat(new DeviceStatus("mon-7", true, 0.0, -200, "x", ts).rssi()).isEqualTo(-200);
		assertThat(new DeviceStatus("mon-7", true, 100.0, 20, "2.4.1 beta+build.5", null).battery()).isEqualTo(100.0);
	}

	@Test
	void rejectsInvalidComponents() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceStatus("", true, null, null, null, null));
		assertThatNullPointerException().isThrownBy(() -> new DeviceStatus("mon-7", null, null, null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceStatus("mon-7", true, 100.5, null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeviceStatus("mon-7", true, Double.NaN, null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceStatus("mon-7", true, null, 21, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceStatus("mon-7", true, null, null, "", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeviceStatus("mon-7", true, null, null, "2.4\n1", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeviceStatus("mon-7", true, null, null, "v".repeat(65), null));
	}

}
