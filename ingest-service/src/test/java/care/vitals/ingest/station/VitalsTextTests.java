package care.vitals.ingest.station;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the bed page's latest vitals: every NEWS2 parameter in chart order, each value
 * with its unit, its source in words and its age; a parameter without a value in force
 * says so.
 */
class VitalsTextTests {

	private static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");

	@Test
	void valuesCarryUnitSourceAndAge() {
		Map<News2Parameter, PatientVitalsWindow.Used> used = new EnumMap<>(News2Parameter.class);
		used.put(News2Parameter.RESP_RATE,
				new PatientVitalsWindow.Used(22.0, NOW.minusSeconds(40), Source.device("mon-1")));
		used.put(News2Parameter.SPO2, new PatientVitalsWindow.Used(94.0, NOW.minusSeconds(5), Source.device("ox-1")));
		used.put(News2Parameter.AIR_OR_OXYGEN,
				new PatientVitalsWindow.Used(true, NOW.minusSeconds(180), Source.staff("anna")));
		used.put(News2Parameter.TEMPERATURE,
				new PatientVitalsWindow.Used(38.25, NOW.minusSeconds(600), Source.staff("anna")));
		used.put(News2Parameter.CONSCIOUSNESS,
				new PatientVitalsWindow.Used(Consciousness.V, NOW.minusSeconds(60), Source.staff("ben")));
		List<BedDetail.VitalView> rows = VitalsText.of(used, NOW);
		assertThat(rows).extracting(BedDetail.VitalView::parameter)
			.containsExactly("resp_rate", "spo2", "o2", "systolic_bp", "heart_rate", "consciousness", "temperature");
		assertThat(rows.get(0)).isEqualTo(
				new BedDetail.VitalView("resp_rate", "Respiration rate", "22 /min", "device mon-1", "40 s ago", true));
		assertThat(rows.get(1).value()).isEqualTo("94 %");
		assertThat(rows.get(2).value()).isEqualTo("on oxygen");
		assertThat(rows.get(2).source()).isEqualTo("staff: anna");
		assertThat(rows.get(2).age()).isEqualTo("3 min ago");
		assertThat(rows.get(3)).isEqualTo(
				new BedDetail.VitalView("systolic_bp", "Systolic blood pressure", VitalsText.NONE, "", "", false));
		assertThat(rows.get(5).value()).isEqualTo("V (responds to voice)");
		assertThat(rows.get(5).source()).isEqualTo("staff: ben");
		assertThat(rows.get(6).value()).isEqualTo("38.3 °C");
		assertThat(rows.get(6).age()).isEqualTo("10 min ago");
	}

	@Test
	void bloodPressureInMmHgAndAirInWords() {
		assertThat(VitalsText.value(News2Parameter.SYSTOLIC_BP, 118.0)).isEqualTo("118 mmHg");
		assertThat(VitalsText.value(News2Parameter.HEART_RATE, 72.0)).isEqualTo("72 /min");
		assertThat(VitalsText.value(News2Parameter.AIR_OR_OXYGEN, false)).isEqualTo("on air");
	}

}
