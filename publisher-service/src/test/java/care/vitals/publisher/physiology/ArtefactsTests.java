package care.vitals.publisher.physiology;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that artefact episodes are a seeded function of device and time, at the
 * configured rate, and that the artefact storm multiplies them.
 */
class ArtefactsTests {

	private final Artefacts artefacts = new Artefacts(0.02);

	@Test
	void episodesAreReproducibleAndContiguous() {
		Optional<ArtefactEpisode> previous = Optional.empty();
		int episodes = 0;
		for (int s = 0; s < 24 * 3600; s++) {
			Optional<ArtefactEpisode> now = this.artefacts.at(7, 3, Duration.ofSeconds(s), 1);
			assertThat(this.artefacts.at(7, 3, Duration.ofSeconds(s), 1)).isEqualTo(now);
			if (now.isPresent() && !now.equals(previous)) {
				episodes++;
				assertThat(now.get().end()).isGreaterThan(now.get().start());
			}
			previous = now;
		}
		// 0.02 per minute over 24 h: about 29
		assertThat(episodes).isBetween(12, 50);
	}

	@Test
	void stormMultipliesEpisodesAndCoversEveryKind() {
		Map<ArtefactKind, Integer> kinds = new EnumMap<>(ArtefactKind.class);
		int calm = 0;
		int storm = 0;
		for (int device = 0; device < 20; device++) {
			for (int minute = 0; minute < 30; minute++) {
				Duration at = Duration.ofMinutes(minute).plusSeconds(30);
				if (this.artefacts.at(1, device, at, 1).isPresent()) {
					calm++;
				}
				Optional<ArtefactEpisode> episode = this.artefacts.at(1, device, at, 20);
				if (episode.isPresent()) {
					storm++;
					kinds.merge(episode.get().kind(), 1, Integer::sum);
				}
			}
		}
		assertThat(storm).isGreaterThan(5 * Math.max(1, calm));
		assertThat(kinds).containsOnlyKeys(ArtefactKind.values());
	}

	@Test
	void zeroRateMeansNoArtefacts() {
		Artefacts none = new Artefacts(0);
		for (int s = 0; s < 3600; s++) {
			assertThat(none.at(1, 1, Duration.ofSeconds(s), 20)).isEmpty();
		}
	}

}
