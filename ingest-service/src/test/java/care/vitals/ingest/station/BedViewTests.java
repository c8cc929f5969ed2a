package care.vitals.ingest.station;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that "alarm off / limit changed" is an indication on the board: listed apart
 * with who changed it, never among the alarms to acknowledge, and never colouring the
 * tile's priority border.
 */
class BedViewTests {

	private static final AlarmView LIMIT_CHANGED = new AlarmView("l1", "low", "limit_changed",
			"SpO2 limit changed: low 85 % (default 90 %); by charge.ben at 2026-12-05T19:05:12.345Z", false,
			"3 min ago");

	@Test
	void anIndicationAloneLeavesTheBorderUncoloured() {
		BedView bed = new BedView("ward-a", "2", List.of("p-2"), List.of(), null, List.of(LIMIT_CHANGED), true);
		assertThat(bed.attention()).isEqualTo("none");
		assertThat(bed.alarmList()).isEmpty();
		assertThat(bed.indications()).containsExactly(LIMIT_CHANGED);
		assertThat(LIMIT_CHANGED.indicationText())
			.isEqualTo("SpO2 limit changed: low 85 % (default 90 %); by charge.ben");
	}

	@Test
	void theBorderFollowsTheHighestUnacknowledgedAlarm() {
		AlarmView acknowledged = new AlarmView("a1", "high", "spo2_low", "SpO2 low", true, "1 min ago");
		AlarmView raised = new AlarmView("a2", "medium", "resp_rate_high", "RR high", false, "1 min ago");
		BedView bed = new BedView("ward-a", "1", List.of("p-1"), List.of(), null,
				List.of(acknowledged, raised, LIMIT_CHANGED), true);
		assertThat(bed.attention()).isEqualTo("medium");
		assertThat(bed.alarmList()).containsExactly(acknowledged, raised);
	}

}
