package care.vitals.model.codec;

import care.vitals.model.rejection.RejectReason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A defensively configured JSON parser for untrusted payloads: size checked before
 * parsing, bounded nesting depth, duplicate keys rejected, trailing content after the
 * root value rejected, NaN/Infinity tokens rejected (Jackson's default). Every parse
 * error becomes {@link RejectReason#MALFORMED_JSON}.
 */
final class StrictJson {

	/** Writer for encoders; thread-safe. */
	static final JsonMapper WRITER = JsonMapper.builder().build();

	private static final int MAX_ERROR_LENGTH = 160;

	private final JsonMapper reader;

	private final int maxPayloadBytes;

	StrictJson(DecodeLimits limits) {
		this.maxPayloadBytes = limits.maxPayloadBytes();
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(limits.maxNestingDepth())
			.maxDocumentLength(limits.maxPayloadBytes())
			.maxStringLength(limits.maxPayloadBytes())
			.build();
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(constraints)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
		this.reader = JsonMapper.builder(factory)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.build();
	}

	/**
	 * Rejects a payload larger than the limit; call before looking at its content.
	 */
	void requireWithinSize(byte[] payload) {
		if (payload.length > this.maxPayloadBytes) {
			throw new DecodeFailure(RejectReason.PAYLOAD_TOO_LARGE,
					"payload of " + payload.length + " bytes exceeds the limit of " + this.maxPayloadBytes + " bytes");
		}
	}

	/**
	 * Checks the size, then parses the payload into a tree.
	 * @return the root node, never missing
	 */
	JsonNode parse(byte[] payload) {
		requireWithinSize(payload);
		JsonNode root;
		try {
			root = this.reader.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new DecodeFailure(RejectReason.MALFORMED_JSON, "malformed JSON: " + describe(ex));
		}
		if (root == null || root.isMissingNode()) {
			throw new DecodeFailure(RejectReason.MALFORMED_JSON, "empty payload");
		}
		return root;
	}

	private static String describe(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		String firstLine = (newline >= 0) ? message.substring(0, newline) : message;
		return (firstLine.length() > MAX_ERROR_LENGTH) ? firstLine.substring(0, MAX_ERROR_LENGTH) + "…" : firstLine;
	}

}
