package care.vitals.model.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import care.vitals.model.reading.Consciousness;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies what a patient's retained observations keep: the union of what two instances
 * recorded at once, each entry once, nothing older than the kept period, at most the
 * maximum number of entries.
 */
class PatientObservationsTests {

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	@Test
	void mergingTwoInstancesEntriesKeepsBothOnceInTimeOrder() {
		StaffObservation onA = acvpu(NOW.minusSeconds(60), "nurse-a", Consciousness.V);
		StaffObservation onB = temperature(NOW.minusSeconds(30), "nurse-b", 38.4);
		PatientObservations published = new PatientObservations("p-1", List.of(onB));
		PatientObservations local = new PatientObservations("p-1", List.of(onA, onB));
		PatientObservations merged = published.merge(local, NOW);
		assertThat(merged.entries()).containsExactly(onA, onB);
		assertThat(merged.merge(merged, NOW)).as("the union of the union changes nothing").isEqualTo(merged);
	}

	@Test
	void mergingDropsWhatIsNoLongerKeptAndKeepsTheNewest() {
		StaffObservation old = temperature(NOW.minus(PatientObservations.KEPT).minusSeconds(1), "nurse-a", 37.0);
		PatientObservations merged = new PatientObservations("p-1", List.of())
			.merge(new PatientObservations("p-1", List.of(old)), NOW);
		assertThat(merged.entries()).isEmpty();
		PatientObservations many = new PatientObservations("p-1", List.of());
		for (int i = 0; i < PatientObservations.MAX_ENTRIES + 4; i++) {
			many = many.merge(
					new PatientObservations("p-1",
							List.of(temperature(NOW.minus(Duration.ofMinutes(30 - i)), "nurse-a", 37.0 + i / 10.0))),
					NOW);
		}
		assertThat(many.entries()).hasSize(PatientObservations.MAX_ENTRIES);
		assertThat(many.entries().get(many.entries().size() - 1).observedAt()).isEqualTo(NOW.minusSeconds(60 * 11));
	}

	private static StaffObservation acvpu(Instant at, String observer, Consciousness level) {
		return new StaffObservation(at, observer, Map.of(), null, null, null, level);
	}

	private static StaffObservation temperature(Instant at, String observer, double celsius) {
		return new StaffObservation(at, observer, Map.of(Parameter.TEMPERATURE, celsius), null, null, null, null);
	}

}
