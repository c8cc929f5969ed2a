package care.vitals.publisher.physiology;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides where artefact episodes fall, as a pure function of (seed, device, time): time
 * is cut into one-minute windows and each window of each device holds at most one
 * episode, with a probability of {@code ratePerMinute} times the scenario's artefact
 * factor (at most 0.9). Episodes may run into the next window.
 *
 * @param ratePerMinute the chance of an episode per device and minute, 0-1 (0 disables
 * artefacts)
 */
public record Artefacts(double ratePerMinute) {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private static final long STREAM = 7_000_000L;

	/**
	 * Returns the episode covering a moment, if any.
	 * @param seed the simulation seed
	 * @param device the device index within the simulation
	 * @param sinceStart time since the simulation started
	 * @param factor the scenario's artefact factor at that moment
	 * @return the episode, or empty
	 */
	public Optional<ArtefactEpisode> at(long seed, int device, Duration sinceStart, double factor) {
		if (this.ratePerMinute <= 0 || sinceStart.isNegative()) {
			return Optional.empty();
		}
		long window = sinceStart.toMillis() / WINDOW.toMillis();
		for (long w = window; w >= Math.max(0, window - 1); w--) {
			ArtefactEpisode episode = episode(seed, device, w, factor);
			if (episode != null && episode.covers(sinceStart)) {
				return Optional.of(episode);
			}
		}
		return Optional.empty();
	}

	private ArtefactEpisode episode(long seed, int device, long window, double factor) {
		long stream = STREAM + device;
		double chance = Math.min(0.9, this.ratePerMinute * factor);
		if (Noise.uniform(seed, stream, 4 * window) >= chance) {
			return null;
		}
		ArtefactKind kind = pick(Noise.uniform(seed, stream, 4 * window + 1));
		Duration start = WINDOW.multipliedBy(window)
			.plusMillis(Math.round(WINDOW.toMillis() * Noise.uniform(seed, stream, 4 * window + 2)));
		double u = Noise.uniform(seed, stream, 4 * window + 3);
		return new ArtefactEpisode(kind, start, start.plus(kind.length(u)), u);
	}

	private static ArtefactKind pick(double u) {
		double sum = 0;
		for (ArtefactKind kind : ArtefactKind.values()) {
			sum += kind.weight();
			if (u < sum) {
				return kind;
			}
		}
		return ArtefactKind.FLATLINE;
	}

}
