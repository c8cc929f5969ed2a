package care.vitals.model.device;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceEventTests {

	private static final Instant TS = Instant.parse("2026-11-27T18:00:00Z");

	@Test
	void copiesDetailsInOrderAndUnmodifiable() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("sensor", "spo2");
		details.put("lead", "II");
		DeviceEvent event = new DeviceEvent("mon-7", "probe_off", TS, details);
		details.clear();
		assertThat(event.details().keySet()).containsExactly("sensor", "lead");
		assertThatThrownBy(() -> event.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void takesNullDetailsAsEmpty() {
		assertThat(new DeviceEvent("mon-7", "button", TS, null).details()).isEmpty();
	}

	@Test
	void rejectsInvalidKindsAndDetails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceEvent("mon-7", "Probe_Off", TS, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceEvent("mon-7", "", TS, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceEvent("mon-7", "k".repeat(33), TS, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeviceEvent("mon-7", "error", TS, Map.of("bad key", "x")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeviceEvent("mon-7", "error", TS, Map.of("k", "x".repeat(257))));
		Map<String, String> many = new HashMap<>();
		for (int i = 0; i < 17; i++) {
			many.put("k" + i, "v");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new DeviceEvent("mon-7", "error", TS, many));
	}

}
