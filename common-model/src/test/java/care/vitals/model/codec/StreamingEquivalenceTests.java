package care.vitals.model.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.model.codec.CompactJsonCorpus.Obj;
import care.vitals.model.rejection.RejectReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Verifies that the streaming compact JSON decoder behaves exactly as the tree decoder it
 * replaced ({@link TreeMeasurementDecoder}, the code of commit 36d945f): for every
 * payload of the corpus both give an equal result (equal readings, values in the same
 * order, equal rejected values) or the same rejection (reason and detail, character for
 * character). Each payload is decoded with the content type {@code application/json} and
 * without one (sniffed), under the default limits and under tight ones (512 bytes, depth
 * 3, a narrow time window).
 * <p>
 * The corpus: hand-written edge cases ({@code compact-json-edge-cases.txt}), every field
 * with values of every type, pairs of faults in both orders, random valid messages,
 * mutations of them, every truncation and single-byte edit of valid messages, and soups
 * of JSON fragments.
 */
class StreamingEquivalenceTests {

	private static final Instant RECEIVED = Fixtures.NOW.minusSeconds(7);

	private static final List<String> CONTENT_TYPES = Arrays.asList(Fixtures.JSON, null);

	private static final List<DecodeLimits> LIMITS = List.of(DecodeLimits.defaults(),
			new DecodeLimits(512, 10, 3, Duration.ofMinutes(1), Duration.ofDays(1)));

	private static final Pattern RAW_BYTE = Pattern.compile("«([0-9A-F]{2})»");

	private static final List<String> FIELDS = List.of("ts", "seq", "values", "units", "o2", "consciousness", "x");

	private static final String BASE = "{\"ts\":\"2026-11-27T17:59:00Z\",\"seq\":7,\"values\":{\"heart_rate\":72,"
			+ "\"temperature\":98.6},\"units\":{\"temperature\":\"degF\"},\"o2\":false,\"consciousness\":\"A\"}";

	private static final byte[] EDIT_BYTES = utf8("\"{}[]:, \\x0-.e\u0000é");

	private final List<MeasurementDecoder> streaming = LIMITS.stream()
		.map((limits) -> new MeasurementDecoder(limits, Fixtures.CLOCK))
		.toList();

	private final List<TreeMeasurementDecoder> tree = LIMITS.stream()
		.map((limits) -> new TreeMeasurementDecoder(limits, Fixtures.CLOCK))
		.toList();

	/**
	 * Outcomes seen (decoded, decoded with rejected values, each reason): the corpus is
	 * not vacuous.
	 */
	private final Map<String, Integer> outcomes = new TreeMap<>();

	@Test
	void handWrittenEdgeCases() throws IOException {
		List<String> lines = new ArrayList<>(List.of("", " ", "\n\t\r "));
		try (InputStream in = getClass().getResourceAsStream("compact-json-edge-cases.txt")) {
			new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isEmpty() && !line.startsWith("# ") && !line.equals("#"))
				.forEach(lines::add);
		}
		lines.forEach((line) -> assertSameResult(rawBytes(line)));
		// the same in UTF-16 (Jackson then reads chars with another parser class)
		lines.forEach((line) -> assertSameResult(line.getBytes(StandardCharsets.UTF_16LE)));
		lines.forEach((line) -> assertSameResult(line.getBytes(StandardCharsets.UTF_16BE)));
		assertThat(lines).hasSizeGreaterThan(380);
		// Jackson detects UTF-16 and UTF-32 from the first bytes, with or without a BOM
		for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE")) {
			assertSameResult(BASE.getBytes(java.nio.charset.Charset.forName(charset)));
			assertSameResult(("\uFEFF" + BASE).getBytes(java.nio.charset.Charset.forName(charset)));
		}
		assertCovered(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE, RejectReason.INVALID_FIELD,
				RejectReason.UNKNOWN_PARAMETER, RejectReason.MISSING_VALUE, RejectReason.TIMESTAMP_OUT_OF_BOUNDS,
				RejectReason.MISSING_DEVICE_TIME);
		assertThat(this.outcomes).containsKeys("decoded", "decoded with rejected values", "rejected values only");
	}

	@Test
	void everyFieldWithValuesOfEveryType() {
		for (String value : CompactJsonCorpus.ODD_VALUES) {
			for (String field : FIELDS) {
				assertSameResult(utf8(BASE.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\{[^}]*\\}|[^,}]*)",
						"\"" + field + "\":" + Matcher.quoteReplacement(value))));
				assertSameResult(utf8("{\"" + field + "\":" + value + "," + BASE.substring(1)));
				assertSameResult(utf8(BASE.substring(0, BASE.length() - 1) + ",\"" + field + "\":" + value + "}"));
			}
			assertSameResult(utf8(BASE.replace("\"heart_rate\":72", "\"heart_rate\":" + value)));
			assertSameResult(utf8(BASE.replace("\"degF\"", value)));
			assertSameResult(utf8(value));
		}
		assertCovered(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE, RejectReason.INVALID_FIELD,
				RejectReason.MISSING_VALUE, RejectReason.TIMESTAMP_OUT_OF_BOUNDS, RejectReason.MISSING_DEVICE_TIME);
	}

	@Test
	void pairsOfFaultsInEitherOrder() {
		List<String> faults = List.of("\"ts\":\"bad\"", "\"ts\":1e3", "\"ts\":\"2026-11-27T18:06:00Z\"", "\"ts\":null",
				"\"seq\":-1", "\"seq\":[]", "\"units\":{\"pulse\":\"x\"}", "\"units\":{\"spo2\":1}", "\"units\":1",
				"\"values\":{\"pulse\":1}", "\"values\":{\"spo2\":null}", "\"values\":{}", "\"values\":[]",
				"\"values\":{\"spo2\":\"97\"}", "\"values\":{\"spo2\":150}", "\"o2\":1", "\"consciousness\":\"X\"",
				"\"consciousness\":{}", "\"x\":{\"a\":1,\"a\":2}", "\"x\":[1,]", "\"x\":\"\\q\"", "\"x\":1e999");
		for (String first : faults) {
			for (String second : faults) {
				assertSameResult(utf8("{" + first + "," + second + "}"));
				assertSameResult(utf8("{" + first + ",\"values\":{\"heart_rate\":72}," + second + "}"));
				assertSameResult(utf8("{\"ts\":\"2026-11-27T17:59:00Z\"," + first + "," + second + "}"));
			}
		}
		assertCovered(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE, RejectReason.INVALID_FIELD,
				RejectReason.UNKNOWN_PARAMETER, RejectReason.MISSING_VALUE, RejectReason.TIMESTAMP_OUT_OF_BOUNDS,
				RejectReason.MISSING_DEVICE_TIME);
	}

	@Test
	void randomValidMessages() {
		CompactJsonCorpus corpus = new CompactJsonCorpus(20261206);
		for (int i = 0; i < 8_000; i++) {
			assertSameResult(utf8(corpus.write(corpus.message(), i % 2 == 0)));
		}
		assertThat(this.outcomes.get("decoded")).isGreaterThan(5_000);
		assertThat(this.outcomes).containsKeys("decoded with rejected values", "rejected values only",
				RejectReason.TIMESTAMP_OUT_OF_BOUNDS.code(), RejectReason.MISSING_DEVICE_TIME.code());
	}

	@Test
	void mutatedMessages() {
		CompactJsonCorpus corpus = new CompactJsonCorpus(4711);
		for (int i = 0; i < 8_000; i++) {
			String message = corpus.write(corpus.mutate(corpus.message()), i % 3 == 0);
			assertSameResult((i % 4 == 0) ? message.getBytes(StandardCharsets.UTF_16LE) : utf8(message));
		}
		assertCovered(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE, RejectReason.INVALID_FIELD,
				RejectReason.UNKNOWN_PARAMETER, RejectReason.MISSING_VALUE, RejectReason.TIMESTAMP_OUT_OF_BOUNDS,
				RejectReason.MISSING_DEVICE_TIME);
		assertThat(this.outcomes).containsKeys("decoded", "decoded with rejected values");
	}

	/**
	 * Every prefix of a few valid messages, and each with one byte deleted, replaced or
	 * inserted at every offset (these under the default limits only).
	 */
	@Test
	void truncationsAndByteEditsOfValidMessages() {
		CompactJsonCorpus corpus = new CompactJsonCorpus(1205);
		List<byte[]> messages = new ArrayList<>(List.of(utf8(BASE)));
		for (int i = 0; i < 3; i++) {
			messages.add(utf8(corpus.write(corpus.message(), i % 2 == 1)));
		}
		for (byte[] message : messages) {
			for (int at = 0; at <= message.length; at++) {
				assertSameResult(Arrays.copyOf(message, at));
				if (at < message.length) {
					assertSameResultByDefault(edit(message, at, 1, new byte[0]));
				}
				for (byte b : EDIT_BYTES) {
					assertSameResultByDefault(edit(message, at, 0, new byte[] { b }));
					if (at < message.length) {
						assertSameResultByDefault(edit(message, at, 1, new byte[] { b }));
					}
				}
			}
		}
		assertCovered(RejectReason.MALFORMED_JSON, RejectReason.UNKNOWN_PARAMETER, RejectReason.MISSING_VALUE);
		assertThat(this.outcomes).containsKeys("decoded");
	}

	@Test
	void soupsOfJsonFragments() {
		List<String> fragments = new ArrayList<>(CompactJsonCorpus.ODD_VALUES);
		fragments.addAll(List.of("{", "}", "[", "]", ":", ",", " ", "\"", "\\", "\"ts\"", "\"values\"", "\"units\"",
				"\"seq\"", "\"o2\"", "\"consciousness\"", "\"heart_rate\"", "\"spo2\"", "\"temperature\"", "\"x\"",
				"\"2026-11-27T17:59:00Z\""));
		Random random = new Random(8428);
		for (int i = 0; i < 8_000; i++) {
			StringBuilder soup = new StringBuilder("{");
			int parts = random.nextInt(24);
			for (int p = 0; p < parts; p++) {
				soup.append(fragments.get(random.nextInt(fragments.size())));
			}
			assertSameResult(utf8(soup.toString()));
		}
		assertCovered(RejectReason.MALFORMED_JSON, RejectReason.MISSING_VALUE);
	}

	private void assertSameResult(byte[] payload) {
		for (int i = 0; i < LIMITS.size(); i++) {
			for (String contentType : CONTENT_TYPES) {
				assertSameResult(payload, contentType, i);
			}
		}
	}

	/** Only with the default limits and the content type (the bulk of byte edits). */
	private void assertSameResultByDefault(byte[] payload) {
		assertSameResult(payload, Fixtures.JSON, 0);
	}

	private void assertSameResult(byte[] payload, String contentType, int limits) {
		DecodeResult expected = this.tree.get(limits).decode(Fixtures.DEVICE, payload, contentType, RECEIVED);
		DecodeResult actual = this.streaming.get(limits).decode(Fixtures.DEVICE, payload, contentType, RECEIVED);
		if (!actual.equals(expected) || !actual.toString().equals(expected.toString())) {
			fail("payload %s (content type %s, %s)%n expected %s%n but got  %s", printable(payload), contentType,
					LIMITS.get(limits), expected, actual);
		}
		this.outcomes.merge(outcome(expected), 1, Integer::sum);
	}

	private void assertCovered(RejectReason... reasons) {
		assertThat(this.outcomes).as("outcomes of the corpus")
			.containsKeys(Arrays.stream(reasons).map(RejectReason::code).toArray(String[]::new));
	}

	private static String outcome(DecodeResult result) {
		if (result instanceof Rejected rejected) {
			return rejected.rejection().reason().code();
		}
		Decoded decoded = (Decoded) result;
		if (decoded.rejectedValues().isEmpty()) {
			return "decoded";
		}
		return decoded.readings().isEmpty() ? "rejected values only" : "decoded with rejected values";
	}

	private static byte[] edit(byte[] payload, int at, int removed, byte[] inserted) {
		byte[] edited = new byte[payload.length - removed + inserted.length];
		System.arraycopy(payload, 0, edited, 0, at);
		System.arraycopy(inserted, 0, edited, at, inserted.length);
		System.arraycopy(payload, at + removed, edited, at + inserted.length, payload.length - at - removed);
		return edited;
	}

	/** A line of the edge-case file as bytes: UTF-8, each «HH» the raw byte 0xHH. */
	private static byte[] rawBytes(String line) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		Matcher matcher = RAW_BYTE.matcher(line);
		int from = 0;
		while (matcher.find()) {
			bytes.writeBytes(utf8(line.substring(from, matcher.start())));
			bytes.write(Integer.parseInt(matcher.group(1), 16));
			from = matcher.end();
		}
		bytes.writeBytes(utf8(line.substring(from)));
		return bytes.toByteArray();
	}

	private static String printable(byte[] payload) {
		StringBuilder text = new StringBuilder("\"");
		for (byte b : payload) {
			int c = b & 0xFF;
			text.append((c >= 0x20 && c < 0x7F) ? String.valueOf((char) c) : String.format("«%02X»", c));
		}
		return text.append('"').toString();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
