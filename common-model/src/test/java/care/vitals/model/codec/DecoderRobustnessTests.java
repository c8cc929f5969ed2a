package care.vitals.model.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

import care.vitals.model.rejection.Rejection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that no input makes a decoder throw: arbitrary bytes, arbitrary strings, soups
 * of JSON fragments and structurally plausible packs all end as a decoded value or a
 * rejection with a bounded, printable detail.
 */
class DecoderRobustnessTests {

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

	@Property(tries = 2000)
	void arbitraryBytesNeverThrow(@ForAll @Size(max = 300) byte[] payload, @ForAll("contentTypes") String contentType) {
		decodeWithEveryDecoder(payload, contentType);
	}

	@Property(tries = 2000)
	void arbitraryStringsNeverThrow(@ForAll @StringLength(max = 300) String payload,
			@ForAll("contentTypes") String contentType) {
		decodeWithEveryDecoder(payload.getBytes(StandardCharsets.UTF_8), contentType);
	}

	@Property(tries = 2000)
	void jsonFragmentSoupNeverThrows(@ForAll("fragmentSoup") String payload,
			@ForAll("contentTypes") String contentType) {
		decodeWithEveryDecoder(payload.getBytes(StandardCharsets.UTF_8), contentType);
	}

	@Property(tries = 2000)
	void plausiblyShapedPayloadsNeverThrow(@ForAll("shapedPayloads") String payload,
			@ForAll("contentTypes") String contentType) {
		decodeWithEveryDecoder(payload.getBytes(StandardCharsets.UTF_8), contentType);
	}

	@Provide
	Arbitrary<String> contentTypes() {
		return Arbitraries.of(CONTENT_TYPES).map((type) -> "none".equals(type) ? null : type);
	}

	@Provide
	Arbitrary<String> fragmentSoup() {
		return Arbitraries.of(FRAGMENTS).list().ofMaxSize(40).map((parts) -> String.join("", parts));
	}

	@Provide
	Arbitrary<String> shapedPayloads() {
		Arbitrary<String> field = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
			.as((key, value) -> "\"" + key + "\":" + value);
		Arbitrary<String> object = field.list().ofMaxSize(6).map((fields) -> "{" + String.join(",", fields) + "}");
		Arbitrary<String> pack = object.list().ofMaxSize(6).map((objects) -> "[" + String.join(",", objects) + "]");
		return Arbitraries.oneOf(object, pack);
	}

	private void decodeWithEveryDecoder(byte[] payload, String contentType) {
		DecodeResult result = this.measurements.decode(Fixtures.DEVICE, payload, contentType, Fixtures.NOW);
		assertThat(result).isNotNull();
		if (result instanceof Rejected rejected) {
			assertBounded(rejected.rejection());
		}
		else {
			assertThat(((Decoded) result).readings()).isNotEmpty();
		}
		assertOutcome(this.status.decode(Fixtures.DEVICE, payload));
		assertOutcome(this.events.decode(Fixtures.DEVICE, payload, Fixtures.NOW));
		assertOutcome(this.assignments.decode(payload));
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
