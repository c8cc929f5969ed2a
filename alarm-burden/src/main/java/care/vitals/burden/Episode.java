package care.vitals.burden;

import java.time.Instant;

import care.vitals.publisher.physiology.ArtefactKind;

/**
 * An artefact episode of one device, as the simulator placed it.
 *
 * @param device the device id
 * @param kind the kind of artefact
 * @param start when it started
 * @param end when it ended (exclusive)
 */
record Episode(String device, ArtefactKind kind, Instant start, Instant end) {

	boolean overlaps(Instant from, Instant to) {
		return this.start.isBefore(to) && this.end.isAfter(from);
	}

}
