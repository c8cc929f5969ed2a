package care.vitals.model.codec;

import java.time.Instant;

import care.vitals.model.reading.Consciousness;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes the compact JSON format (CONTRACTS.md) into one reading:
 * {@code {"ts":"2026-11-27T18:00:00.123Z","seq":4711,"values":{"heart_rate":72},
 * "units":{"temperature":"degF"},"o2":false,"consciousness":"A"}}. {@code ts} and
 * {@code values} are required; unknown top-level fields are ignored. A message without
 * {@code ts} is rejected as {@code missing_device_time} once its structure has been
 * checked (so a structurally broken message still gets its own reason). An impossible
 * value or one with an unsupported unit is removed and reported (see
 * {@link DecodeResult}); if no value and no flag remains, there is no reading.
 * <p>
 * Streaming: the payload is read once with Jackson's {@link JsonParser} straight into the
 * fields of a {@link CompactMessage}, without a {@code JsonNode} tree. Why: at 30-40k
 * messages/s the tree (its nodes and maps, a duplicate-key {@code HashSet} per object,
 * the boxed numbers) and the walk over it cost ~10-12 % of the ingest's allocation and a
 * good share of the MQTT callback thread (JFR, 2026-12-06). The behaviour is the tree
 * decoder's, exactly: every input it accepted decodes to an equal result, every input it
 * rejected is rejected with the same reason and detail (the parser is called as the tree
 * reader calls it, see {@link TreeTokens}; duplicates and trailing tokens are reported
 * with the tree's messages; faults are checked in the tree decoder's order after the
 * whole payload was read). {@code StreamingEquivalenceTests} holds the proof against the
 * tree decoder. Thread-safe.
 */
final class CompactJsonDecoder {

	private final StrictJson json;

	/**
	 * @param json the parser configuration (limits)
	 */
	CompactJsonDecoder(StrictJson json) {
		this.json = json;
	}

	/**
	 * Decodes a payload whose size has been checked.
	 * @throws DecodeFailure if the message is rejected as a whole
	 */
	Decoded decode(String deviceId, byte[] payload, Instant receivedAt, TimeWindow window) {
		return read(payload).decode(deviceId, receivedAt, window);
	}

	private CompactMessage read(byte[] payload) {
		CompactMessage message = new CompactMessage();
		try (JsonParser parser = this.json.parser(payload)) {
			JsonToken root = parser.nextToken();
			if (root == null) {
				throw StrictJson.empty();
			}
			if (root == JsonToken.START_OBJECT) {
				message.read(parser);
			}
			else {
				TreeTokens.skip(parser, root);
				message.notAnObject(root);
			}
			JsonToken trailing = parser.nextToken();
			if (trailing != null) {
				throw StrictJson.trailing(trailing);
			}
		}
		catch (JacksonException ex) {
			throw StrictJson.malformed(ex);
		}
		return message;
	}

	/**
	 * The rejection of a message without the device's time: the receive time is not
	 * stable (a redelivery would be stored again at its own receive time) and dates a
	 * queued backlog when it arrived, not when it was measured.
	 */
	static DecodeFailure missingTs(String what) {
		return new DecodeFailure(RejectReason.MISSING_DEVICE_TIME,
				"field 'ts' is required: " + what
						+ " without the device's own time would be stored again on every redelivery and dated"
						+ " when it arrived, not when it happened");
	}

	static Consciousness consciousness(String code) {
		if (code == null) {
			return null;
		}
		return Consciousness.fromCode(code)
			.orElseThrow(() -> new DecodeFailure(RejectReason.INVALID_FIELD,
					"consciousness must be one of A, C, V, P, U, got " + Rejection.echo(code)));
	}

}
