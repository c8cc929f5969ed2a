package care.vitals.publisher.physiology;

/**
 * Deterministic pseudo-random numbers addressed by coordinates instead of drawn from a
 * stream: the same (seed, stream, index) always gives the same number, so any point of a
 * simulation can be computed without replaying what came before it. Based on the
 * SplitMix64 finaliser, which passes BigCrush as a hash of consecutive integers.
 */
public final class Noise {

	private static final double UNIT = 0x1.0p-53;

	private Noise() {
	}

	/**
	 * Hashes coordinates into 64 well-mixed bits.
	 * @param seed the simulation seed
	 * @param stream what the number is for (a channel, a device, a decision)
	 * @param index where in that stream (a time knot, a window)
	 * @return the hash
	 */
	public static long hash(long seed, long stream, long index) {
		long h = mix(seed ^ 0x9E3779B97F4A7C15L);
		h = mix(h ^ (stream * 0xBF58476D1CE4E5B9L));
		return mix(h ^ (index * 0x94D049BB133111EBL));
	}

	/**
	 * Returns a uniform number in [0, 1).
	 * @param seed the simulation seed
	 * @param stream what the number is for
	 * @param index where in that stream
	 * @return the number
	 */
	public static double uniform(long seed, long stream, long index) {
		return (hash(seed, stream, index) >>> 11) * UNIT;
	}

	/**
	 * Returns a standard normal number (mean 0, standard deviation 1), Box-Muller.
	 * @param seed the simulation seed
	 * @param stream what the number is for
	 * @param index where in that stream
	 * @return the number
	 */
	public static double gaussian(long seed, long stream, long index) {
		double u1 = 1.0 - uniform(seed, stream, 2 * index);
		double u2 = uniform(seed, stream, 2 * index + 1);
		return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
	}

	/**
	 * Returns smooth noise: standard normal values at whole knots, cosine-interpolated in
	 * between, so it drifts instead of jumping. Its standard deviation is 1 at the knots
	 * and about 0.8 between them.
	 * @param seed the simulation seed
	 * @param stream what the noise is for
	 * @param knots the position in knots (e.g. seconds divided by the knot spacing)
	 * @return the noise value
	 */
	public static double smooth(long seed, long stream, double knots) {
		long k = (long) Math.floor(knots);
		double f = knots - k;
		double w = (1 - Math.cos(Math.PI * f)) / 2;
		return gaussian(seed, stream, k) * (1 - w) + gaussian(seed, stream, k + 1) * w;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
