package care.vitals.model.codec;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Allocation and time per decode of a typical compact JSON message (the contract example:
 * 6 vitals, ISO {@code ts}, {@code seq}, {@code o2}, {@code consciousness}; 182 bytes),
 * the tree decoder ({@link TreeMeasurementDecoder}) against the streaming one
 * ({@link MeasurementDecoder}), in one JVM, alternating, after a warm-up. Not a test: run
 * it by hand (docs/benchmarks.md, "Streaming compact-JSON decoder"): <pre>
 * ./mvnw -B -o -q -pl common-model test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -XX:+UseSerialGC -Xms96m -Xmx96m -cp common-model/target/test-classes:common-model/target/classes:$(cat common-model/target/cp.txt) \
 *   care.vitals.model.codec.CompactJsonDecodeBenchmark [decodes per round, default 1000000] [rounds, default 3]
 * </pre> Allocation is the thread's allocated bytes
 * ({@code com.sun.management.ThreadMXBean}), exact and independent of the machine's load;
 * the time is wall clock, so on a shared machine compare only rows of the same run.
 */
final class CompactJsonDecodeBenchmark {

	static final byte[] TYPICAL = ("{\"ts\":\"2026-11-27T17:59:58.123Z\",\"seq\":4711,"
			+ "\"values\":{\"heart_rate\":72,\"spo2\":97,\"resp_rate\":16,\"temperature\":36.8,"
			+ "\"systolic_bp\":121,\"diastolic_bp\":79},\"o2\":false,\"consciousness\":\"A\"}")
		.getBytes(StandardCharsets.UTF_8);

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static long sink;

	private CompactJsonDecodeBenchmark() {
	}

	public static void main(String[] args) {
		int decodes = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		TreeMeasurementDecoder tree = new TreeMeasurementDecoder(DecodeLimits.defaults(), Fixtures.CLOCK);
		MeasurementDecoder streaming = new MeasurementDecoder(DecodeLimits.defaults(), Fixtures.CLOCK);
		DecodeResult expected = tree.decode(Fixtures.DEVICE, TYPICAL, Fixtures.JSON, null);
		DecodeResult actual = streaming.decode(Fixtures.DEVICE, TYPICAL, Fixtures.JSON, null);
		if (!(expected instanceof Decoded decoded) || decoded.readings().get(0).values().size() != 6
				|| !expected.equals(actual)) {
			throw new IllegalStateException("not a typical message: " + expected + " / " + actual);
		}
		System.out.printf("payload %d bytes, %d decodes per round, %s %s%n", TYPICAL.length, decodes,
				System.getProperty("java.vm.name"), System.getProperty("java.version"));
		for (int i = 0; i < 3; i++) {
			run(() -> tree.decode(Fixtures.DEVICE, TYPICAL, Fixtures.JSON, null), decodes / 5);
			run(() -> streaming.decode(Fixtures.DEVICE, TYPICAL, Fixtures.JSON, null), decodes / 5);
		}
		for (int round = 1; round <= rounds; round++) {
			report(round, "tree     ", run(() -> tree.decode(Fixtures.DEVICE, TYPICAL, Fixtures.JSON, null), decodes),
					decodes);
			report(round, "streaming",
					run(() -> streaming.decode(Fixtures.DEVICE, TYPICAL, Fixtures.JSON, null), decodes), decodes);
		}
		System.out.println("(sink " + sink + ")");
	}

	/** Decodes {@code count} times; returns allocated bytes and nanoseconds. */
	private static long[] run(Decoder decoder, int count) {
		long thread = Thread.currentThread().getId();
		long bytes = THREADS.getThreadAllocatedBytes(thread);
		long start = System.nanoTime();
		long readings = 0;
		for (int i = 0; i < count; i++) {
			readings += ((Decoded) decoder.decode()).readings().size();
		}
		long nanos = System.nanoTime() - start;
		sink += readings;
		return new long[] { THREADS.getThreadAllocatedBytes(thread) - bytes, nanos };
	}

	private static void report(int round, String name, long[] measured, int decodes) {
		System.out.printf(Locale.ROOT, "round %d %s %7.0f B/decode %8.0f ns/decode%n", round, name,
				(double) measured[0] / decodes, (double) measured[1] / decodes);
	}

	@FunctionalInterface
	private interface Decoder {

		DecodeResult decode();

	}

}
