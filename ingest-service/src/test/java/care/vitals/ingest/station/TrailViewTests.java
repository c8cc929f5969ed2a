package care.vitals.ingest.station;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import care.vitals.ingest.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link TrailView}: the ward's clock time for the line and for the instants in its
 * text, with the date when not today.
 */
class TrailViewTests {

	@Test
	void clockTimesInTheWardsZoneWithTheDateWhenNotToday() {
		ZoneId london = ZoneId.of("Europe/London");
		Instant now = Instant.parse("2026-07-05T13:30:00Z");
		List<TrailView> trail = TrailView.of(List.of(
				new AuditEntry(Instant.parse("2026-07-05T13:02:00Z"), "nurse.anna", "observation",
						"recorded observations made at 2026-07-05T12:59:00Z: consciousness=V"),
				new AuditEntry(Instant.parse("2026-07-04T22:58:00Z"), "system", "alarm", "raised")), now, london);
		assertThat(trail.get(0).time()).isEqualTo("14:02");
		assertThat(trail.get(0).text()).isEqualTo("recorded observations made at 13:59: consciousness=V");
		assertThat(trail.get(0).iso()).isEqualTo("2026-07-05T13:02:00Z");
		assertThat(trail.get(1).time()).isEqualTo("4 Jul 23:58");
	}

}
