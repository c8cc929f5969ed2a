package care.vitals.publisher.physiology;

import java.time.Duration;

/**
 * Kinds of measurement artefact, with the relative frequency and the length range of an
 * episode.
 */
public enum ArtefactKind {

	/** The patient moves: heart rate jumps, saturation reads falsely low. */
	MOTION(0.45, Duration.ofSeconds(4), Duration.ofSeconds(20)),

	/**
	 * The probe or sensor comes off: its values are missing and the device reports a
	 * {@code probe_off} event, then {@code probe_on} when it is back.
	 */
	PROBE_OFF(0.25, Duration.ofSeconds(10), Duration.ofSeconds(60)),

	/** Readings are lost (radio dropout): sequence numbers jump. */
	DROPOUT(0.15, Duration.ofSeconds(5), Duration.ofSeconds(30)),

	/** The sensor sticks: it repeats the values of the episode's first moment. */
	FLATLINE(0.15, Duration.ofSeconds(10), Duration.ofSeconds(45));

	private final double weight;

	private final Duration shortest;

	private final Duration longest;

	ArtefactKind(double weight, Duration shortest, Duration longest) {
		this.weight = weight;
		this.shortest = shortest;
		this.longest = longest;
	}

	double weight() {
		return this.weight;
	}

	Duration length(double fraction) {
		long span = this.longest.toMillis() - this.shortest.toMillis();
		return this.shortest.plusMillis(Math.round(span * fraction));
	}

}
