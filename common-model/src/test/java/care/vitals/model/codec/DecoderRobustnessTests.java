package care.vitals.model.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that no input makes a decoder throw: arbitrary bytes, arbitrary strings, soups
 * of JSON fragments and structurally plausible packs all end as a decoded value or a
 * rejection with a bounded, printable detail.
 */
class DecoderRobustnessTests {

	private static final int TRIES = 2000;

	/** An integer beyond the double range: Jackson 3's doubleValue() throws on it. */
	private static final String HUGE = "1" + "0".repeat(400);

	private static final List<String> FRAGMENTS = List.of(HUGE, "-" + HUGE, "{", "}", "[", "]", "\"", ":", ",", " ",
			"\n", "\\", "1e999", "-1e999", "NaN", "Infinity", "-Infinity", "null", "true", "false", "0", "-1", "72",
			"1.5", "1e-999", "268435456", "1795802400", "1795802400000", "99999999999999999999999", "\"n\"", "\"v\"",
			"\"vs\"", "\"vb\"", "\"vd\"", "\"s\"", "\"bn\"", "\"bt\"", "\"bu\"", "\"bv\"", "\"bver\"", "\"t\"", "\"u\"",
			"\"ut\"", "\"x_\"", "\"values\"", "\"units\"", "\"ts\"", "\"seq\"", "\"o2\"", "\"consciousness\"",
			"\"heart_rate\"", "\"spo2\"", "\"temperature\"", "\"urn:dev:mon-7:\"", "\"degF\"", "\"%\"", "\"/\"",
			"\"A\"", "\"online\"", "\"kind\"", "\"details\"", "\"patient\"", "\"since\"", "\"2026-11-27T18:00:00Z\"",
			"\u0000", "\uD800", "é", "😀");

	private static final List<String> KEYS = List.of("bn", "bt", "bu", "bv", "bver", "bs", "n", "u", "v", "vs", "vb",
			"vd", "s", "t", "ut", "x_", "values", "units", "ts", "seq", "o2", "consciousness", "online", "battery",
			"rssi", "firmware", "kind", "details", "patient", "ward", "bed", "since");

	private static final List<String> VALUES = List.of(HUGE, "-" + HUGE, "\"heart_rate\"", "\"urn:dev:mon-7:\"",
			"\"spo2\"", "\"o2\"", "\"consciousness\"", "\"temperature\"", "72", "97", "-1", "0", "1e999", "268435455",
			"1795802400", "1795802399.5", "1795802400000", "true", "false", "null", "\"A\"", "\"Q\"", "\"degF\"",
			"\"kPa\"", "\"%\"", "\"/\"", "{}", "[]", "{\"heart_rate\":72}", "{\"temperature\":\"degF\"}",
			"{\"x\":\"y\"}", "\"2026-11-27T18:00:00Z\"", "\"p-1042\"", "\"probe_off\"", "\"\"", "1.5", "-0.0",
			"99999999999999999999");

	private static final List<String> CONTENT_TYPES = List.of("none", "application/json", "application/senml+json",
			"text/plain", "application/senml+cbor");

	private final MeasurementDecoder measurements = Fixtures.decoder();

	private final DeviceStatusCodec status = new DeviceStatusCodec(DecodeLimits.defaults());

	private final DeviceEventCodec events = new DeviceEventCodec(DecodeLimits.defaults(), Fixtures.CLOCK);

	private final AssignmentCodec assignments = new AssignmentCodec(DecodeLimits.defaults());

	private final PatientSettingsCodec settings = new PatientSettingsCodec(DecodeLimits.defaults());

	@Test
	void arbitraryBytesNeverThrow() {
		forRandomPayloads(1, (random) -> {
			byte[] payload = new byte[random.nextInt(301)];
			random.nextBytes(payload);
			return payload;
		});
	}

	@Test
	void arbitraryStringsNeverThrow() {
		forRandomPayloads(2, (random) -> {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(301);
			while (text.length() < length) {
				text.appendCodePoint(randomCodePoint(random));
			}
			return utf8(text.toString());
		});
	}

	@Test
	void jsonFragmentSoupNeverThrows() {
		forRandomPayloads(3, (random) -> utf8(join(random, FRAGMENTS, 40, "")));
	}

	@Test
	void plausiblyShapedPayloadsNeverThrow() {
		forRandomPayloads(4, (random) -> utf8(random.nextBoolean() ? object(random) : pack(random)));
	}

	/**
	 * Runs every decoder on {@value #TRIES} payloads from a seeded generator, so a
	 * failure names the seed and try that reproduce it.
	 */
	private void forRandomPayloads(long seed, Function<Random, byte[]> generator) {
		Random random = new Random(seed);
		for (int i = 0; i < TRIES; i++) {
			byte[] payload = generator.apply(random);
			String contentType = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
			try {
				decodeWithEveryDecoder(payload, "none".equals(contentType) ? null : contentType);
			}
			catch (RuntimeException | AssertionError ex) {
				throw new AssertionError("seed " + seed + ", try " + i + ", payload "
						+ new String(payload, StandardCharsets.UTF_8) + ": " + ex, ex);
			}
		}
	}

	private static int randomCodePoint(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> random.nextInt(0x80);
			case 1 -> random.nextInt(0x800);
			case 2 -> random.nextInt(0xD800);
			default -> 0x10000 + random.nextInt(0x10000);
		};
	}

	private static String object(Random random) {
		StringBuilder object = new StringBuilder("{");
		int fields = random.nextInt(7);
		for (int i = 0; i < fields; i++) {
			if (i > 0) {
				object.append(',');
			}
			object.append('"')
				.append(KEYS.get(random.nextInt(KEYS.size())))
				.append("\":")
				.append(VALUES.get(random.nextInt(VALUES.size())));
		}
		return object.append('}').toString();
	}

	private static String pack(Random random) {
		StringBuilder pack = new StringBuilder("[");
		int objects = random.nextInt(7);
		for (int i = 0; i < objects; i++) {
			pack.append((i > 0) ? "," : "").append(object(random));
		}
		return pack.append(']').toString();
	}

	private static String join(Random random, List<String> parts, int maxParts, String separator) {
		int count = random.nextInt(maxParts + 1);
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < count; i++) {
			joined.append((i > 0) ? separator : "").append(parts.get(random.nextInt(parts.size())));
		}
		return joined.toString();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void decodeWithEveryDecoder(byte[] payload, String contentType) {
		DecodeResult result = this.measurements.decode(Fixtures.DEVICE, payload, contentType, Fixtures.NOW);
		assertThat(result).isNotNull();
		if (result instanceof Rejected rejected) {
			assertBounded(rejected.rejection());
		}
		else {
			Decoded decoded = (Decoded) result;
			assertThat(decoded.readings().isEmpty() && decoded.rejectedValues().isEmpty()).isFalse();
			decoded.rejectedValues().forEach((rejected) -> {
				assertBounded(rejected.rejection());
				assertThat(rejected.sent()).hasSizeLessThanOrEqualTo(2 * Rejection.MAX_ECHO_LENGTH + 1)
					.doesNotContain("\n", "\r", "\u0000");
			});
		}
		assertOutcome(this.status.decode(Fixtures.DEVICE, payload));
		assertOutcome(this.events.decode(Fixtures.DEVICE, payload, Fixtures.NOW));
		assertOutcome(this.assignments.decode(payload));
		assertOutcome(this.settings.decode("p-1", payload));
	}

	private static void assertOutcome(Outcome<?> outcome) {
		assertThat(outcome).isNotNull();
		if (outcome instanceof Outcome.Failed<?> failed) {
			assertBounded(failed.rejection());
		}
	}

	private static void assertBounded(Rejection rejection) {
		assertThat(rejection.detail()).hasSizeLessThanOrEqualTo(Rejection.MAX_DETAIL_LENGTH + 1)
			.doesNotContain("\n", "\r", "\u0000");
	}

}
