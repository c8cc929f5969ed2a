package care.vitals.ingest.clinical;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.vitals.model.assignment.Assignment;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.reading.Consciousness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that two instances recording observations of one patient at once lose neither:
 * the retained copy holds only the last publication, and the instance whose entry it
 * lacks publishes the union once.
 */
class ClinicalEngineObservationsTests {

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private final List<PatientObservations> published = new ArrayList<>();

	private final ClinicalEngine engine = new ClinicalEngine(SilentPublishers.SETTINGS, new ObservationsPublisher() {
		@Override
		public void publish(PatientObservations observations) {
			ClinicalEngineObservationsTests.this.published.add(observations);
		}

		@Override
		public void clear(String patient) {
		}
	}, Clock.fixed(NOW, ZoneOffset.UTC));

	private final Assignment bed = new Assignment("p-1", "ward-a", "1", NOW.minusSeconds(3600));

	@Test
	void anEntryRecordedHereSurvivesAnotherInstancesPublicationOfItsOwn() {
		StaffObservation here = new StaffObservation(NOW.minusSeconds(20), "nurse-a", Map.of(), null, null, null,
				Consciousness.V);
		StaffObservation there = new StaffObservation(NOW.minusSeconds(10), "nurse-b", Map.of(), true, "nasal_cannula",
				2.0, null);
		this.engine.observe(this.bed, here);
		assertThat(this.published).singleElement().satisfies((p) -> assertThat(p.entries()).containsExactly(here));

		// the other instance's publication, which the broker kept, lacks this entry
		this.engine.received(this.bed, new PatientObservations("p-1", List.of(there)));
		assertThat(this.published).hasSize(2);
		assertThat(this.published.get(1).entries()).as("the union, published again").containsExactly(here, there);
		assertThat(this.engine.observations("p-1").entries()).containsExactly(here, there);

		// the union comes back: nothing more to publish
		this.engine.received(this.bed, this.published.get(1));
		assertThat(this.published).hasSize(2);
	}

	@Test
	void anInstanceThatKnowsNothingMoreDoesNotPublish() {
		StaffObservation there = new StaffObservation(NOW.minusSeconds(10), "nurse-b", Map.of(), null, null, null,
				Consciousness.C);
		this.engine.received(this.bed, new PatientObservations("p-1", List.of(there)));
		assertThat(this.published).isEmpty();
		assertThat(this.engine.observations("p-1").entries()).containsExactly(there);
	}

}
