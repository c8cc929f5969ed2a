package care.vitals.ingest.audit;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link AuditText}: the stored records in the words of a ward, priority written
 * out.
 */
class AuditTextTests {

	@Test
	void anAcknowledgementNamesTheAlarmsPriorityAndWhatItWas() {
		Map<String, Object> alarm = new HashMap<>(
				Map.of("priority", "high", "kind", "news2_high", "state", "raised", "message", "NEWS2 10"));
		assertThat(AuditText.activity("acknowledge", "acknowledged news2_high alarm a-1", Map.of("a-1", alarm)))
			.isEqualTo("acknowledged the High priority NEWS2 high alarm (NEWS2 10)");
		assertThat(AuditText.activity("acknowledge", "acknowledged spo2_low alarm a-2", Map.of()))
			.isEqualTo("acknowledged the SpO2 low alarm");
	}

	@Test
	void limitChangesListOnlyWhatWasGiven() {
		assertThat(AuditText.activity("threshold",
				"override spo2: ThresholdRequest[criticalLow=80.0, low=88.0, high=null, criticalHigh=null, "
						+ "delaySeconds=null, enabled=null, expiresAt=null]",
				Map.of()))
			.isEqualTo("changed the alarm limits of spo2: criticalLow=80.0, low=88.0");
		assertThat(AuditText.activity("threshold", "override of spo2 cleared", Map.of()))
			.isEqualTo("set the alarm limits of spo2 back to the default");
	}

	@Test
	void admissionsObservationsAndTheEnginesTransitions() {
		assertThat(AuditText.activity("admit", "admit device mon-1 to patient p-1 in w/1", Map.of()))
			.isEqualTo("admitted: device mon-1 to patient p-1 in w/1");
		assertThat(AuditText.activity("observation", "observed at 2026-12-05T14:00:00Z: consciousness=V", Map.of()))
			.isEqualTo("recorded observations made at 2026-12-05T14:00:00Z: consciousness=V");
		assertThat(AuditText.alarm(
				Map.of("priority", "high", "kind", "spo2_low", "state", "raised", "message", "SpO2 82 % below 85 %")))
			.isEqualTo("High priority SpO2 low alarm raised (SpO2 82 % below 85 %)");
		assertThat(AuditText.alarm(Map.of("priority", "high", "kind", "news2_high", "state", "raised", "message", "",
				"escalated", true, "escalation", 1L)))
			.startsWith("High priority NEWS2 high alarm not acknowledged: escalated to the ");
		assertThat(AuditText.alarm(Map.of("priority", "low", "kind", "limit_changed", "state", "resolved", "message",
				"SpO2 limit changed: low 88 % (default 90 %); by ben at 2026-12-05T14:00:00Z")))
			.isEqualTo(
					"indication ended, limits back to the default: SpO2 limit changed: low 88 % (default 90 %); by ben");
	}

}
