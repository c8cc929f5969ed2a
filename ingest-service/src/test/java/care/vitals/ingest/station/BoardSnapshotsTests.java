package care.vitals.ingest.station;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Verifies what the ward overview reads of a bed: an empty bed is empty (no score, no
 * vitals), NEWS2 with its completeness and age in the shown text and the risk, raised and
 * acknowledged alarms counted apart, an "alarm off / limit changed" indication not
 * counted as an alarm, the vital signs in force with the time of the newest.
 */
class BoardSnapshotsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");

	private final ClinicalEngine engine = mock(ClinicalEngine.class);

	private final WardBoard board = mock(WardBoard.class);

	private final BoardSnapshots snapshots = new BoardSnapshots(this.board, this.engine, mock(ClinicalOutput.class),
			mock(BatchWriter.class),
			new StationProperties(List.of(), Duration.ofMinutes(6), Duration.ofSeconds(5), List.of(), "", null, null),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void anEmptyBedIsEmpty() {
		Map<String, Object> fields = this.snapshots
			.bedFields(new BedView("ward-a", "4", List.of(), List.of(), null, List.of(), true));
		assertThat(fields).containsEntry("occupied", false)
			.containsEntry("patient", "")
			.containsEntry("news2_status", "empty")
			.containsEntry("news2_shown", "")
			.containsEntry("risk", "")
			.containsEntry("raised_high", 0L)
			.doesNotContainKeys("news2", "heart_rate", "vitals_at");
	}

	@Test
	void anIncompleteScoreIsALowerBoundWithoutRiskAndAlarmsAreCountedApart() {
		given(this.engine.vitals("p-1")).willReturn(Map.of(News2Parameter.HEART_RATE,
				new PatientVitalsWindow.Used(118.0, NOW.minusSeconds(20), Source.device("mon-1")), News2Parameter.SPO2,
				new PatientVitalsWindow.Used(88.0, NOW.minusSeconds(5), Source.device("mon-1")),
				News2Parameter.CONSCIOUSNESS,
				new PatientVitalsWindow.Used(Consciousness.V, NOW.minusSeconds(600), Source.staff("anna"))));
		News2View incomplete = new News2View("NEWS2 at least 9 – incomplete", "", "", "incomplete", "none", 9);
		List<AlarmView> alarms = List.of(new AlarmView("a1", "high", "spo2_low", "SpO2 low", false, "1 min ago"),
				new AlarmView("a2", "high", "news2_high", "NEWS2 high", true, "2 min ago"), new AlarmView("a3", "low",
						"limit_changed", "SpO2 limit changed: alarm off; by ben at …", false, "3 min ago"));
		List<BedView.DeviceView> devices = List.of(
				new BedView.DeviceView("mon-1", "p-1", "no technical alarm", false, false),
				new BedView.DeviceView("ox-1", "p-1", "device offline", true, true));
		Map<String, Object> fields = this.snapshots
			.bedFields(new BedView("ward-a", "2", List.of("p-1"), devices, incomplete, alarms, true));
		assertThat(fields).containsEntry("occupied", true)
			.containsEntry("patient", "p-1")
			.containsEntry("news2", 9L)
			.containsEntry("news2_status", "incomplete")
			.containsEntry("news2_shown", "≥ 9")
			.containsEntry("risk", "partial")
			.containsEntry("heart_rate", 118.0)
			.containsEntry("spo2", 88.0)
			.containsEntry("consciousness", "V")
			.containsEntry("vitals_at", NOW.minusSeconds(5).toEpochMilli())
			.containsEntry("raised_high", 1L)
			.containsEntry("acknowledged_high", 1L)
			.containsEntry("raised_low", 0L)
			.containsEntry("acknowledged", 1L)
			.containsEntry("indications", "SpO2 limit changed: alarm off; by ben at …")
			.containsEntry("devices", 2L)
			.containsEntry("device_faults", 1L);
	}

	@Test
	void aStaleScoreSaysItIsOldAndACurrentOneCarriesItsRisk() {
		Map<String, Object> stale = this.snapshots.bedFields(new BedView("ward-a", "3", List.of("p-3"), List.of(),
				new News2View("", "", "", "stale", "none", 7), List.of(), true));
		assertThat(stale).containsEntry("news2_shown", "7 (old)").containsEntry("risk", "not current");
		Map<String, Object> current = this.snapshots.bedFields(new BedView("ward-a", "3", List.of("p-3"), List.of(),
				new News2View("", "", "", "current", "high", 7), List.of(), true));
		assertThat(current).containsEntry("news2_shown", "7").containsEntry("risk", "high");
	}

	/**
	 * A large board goes to the writer in chunks, as its beds are built, every line once
	 * and in the board's order; a bed gone from the board since the last snapshot is
	 * written empty at the end.
	 */
	@Test
	void aLargeBoardGoesToTheWriterInChunksEveryLineOnceAndInOrder() {
		List<BedView> beds = new ArrayList<>();
		for (int i = 1; i <= 600; i++) {
			beds.add(new BedView("ward-a", Integer.toString(i), List.of("p-" + i),
					List.of(new BedView.DeviceView("mon-" + i, "p-" + i, "no technical alarm", false, false)), null,
					List.of(), false));
		}
		board(beds);
		List<List<String>> chunks = new ArrayList<>();
		this.snapshots.write(NOW, chunks::add);
		assertThat(chunks).extracting(List::size).containsExactly(500, 500, 200);
		List<String> lines = chunks.stream().flatMap(List::stream).toList();
		for (int i = 1; i <= 600; i++) {
			assertThat(lines.get(2 * (i - 1))).startsWith("beds,")
				.contains("bed=" + i + ",")
				.contains("patient=\"p-" + i + "\"");
			assertThat(lines.get(2 * i - 1)).startsWith("bed_devices,").contains("device=mon-" + i + ",");
		}
		board(beds.subList(0, 599));
		chunks.clear();
		this.snapshots.write(NOW.plusSeconds(5), chunks::add);
		List<String> next = chunks.stream().flatMap(List::stream).toList();
		assertThat(next).hasSize(2 * 599 + 1);
		assertThat(next.get(next.size() - 1)).startsWith("beds,").contains("bed=600,").contains("occupied=false");
	}

	private void board(List<BedView> beds) {
		willAnswer((invocation) -> {
			Consumer<BedView> action = invocation.getArgument(0);
			beds.forEach(action);
			return null;
		}).given(this.board).eachBed(any());
	}

}
