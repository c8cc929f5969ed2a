package care.vitals.publisher.physiology;

import java.time.Duration;

/**
 * One artefact episode of one device.
 *
 * @param kind what kind of artefact
 * @param start when it starts, from the start of the simulation
 * @param end when it ends (exclusive), from the start of the simulation
 * @param severity how strong it is, 0-1 (scales motion artefacts)
 */
public record ArtefactEpisode(ArtefactKind kind, Duration start, Duration end, double severity) {

	boolean covers(Duration sinceStart) {
		return sinceStart.compareTo(this.start) >= 0 && sinceStart.compareTo(this.end) < 0;
	}

}
