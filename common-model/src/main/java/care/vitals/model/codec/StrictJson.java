package care.vitals.model.codec;

import care.vitals.model.rejection.RejectReason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
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
 * <p>
 * Besides the tree ({@link #parse(byte[])}) it opens streaming parsers
 * ({@link #parser(byte[])}) with the same limits but without Jackson's duplicate
 * detection (a {@code HashSet} per object of three or more keys): a streaming decoder
 * detects duplicates itself ({@link PropertyNames}) and reports them, like trailing
 * tokens, with the tree's messages ({@link #duplicate(String)},
 * {@link #trailing(JsonToken)}).
 */
final class StrictJson {

	/** Writer for encoders; thread-safe. */
	static final JsonMapper WRITER = JsonMapper.builder().build();

	private static final int MAX_ERROR_LENGTH = 160;

	private final JsonMapper reader;

	private final JsonFactory streaming;

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
		this.streaming = JsonFactory.builder().streamReadConstraints(constraints).build();
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
			throw malformed(ex);
		}
		if (root == null || root.isMissingNode()) {
			throw empty();
		}
		return root;
	}

	/**
	 * Opens a streaming parser on a payload whose size was checked. It detects no
	 * duplicate keys: the caller must, with {@link PropertyNames}.
	 */
	JsonParser parser(byte[] payload) {
		return this.streaming.createParser(ObjectReadContext.empty(), payload);
	}

	static DecodeFailure empty() {
		return new DecodeFailure(RejectReason.MALFORMED_JSON, "empty payload");
	}

	static DecodeFailure malformed(JacksonException ex) {
		String message = ex.getOriginalMessage();
		return malformed((message != null) ? message : ex.getClass().getSimpleName());
	}

	/** The tree's rejection of a key seen twice in one object (the parser's message). */
	static DecodeFailure duplicate(String name) {
		return malformed("Duplicate Object property \"" + name + "\"");
	}

	/**
	 * The tree's rejection of a token after the root value
	 * ({@code FAIL_ON_TRAILING_TOKENS}).
	 */
	static DecodeFailure trailing(JsonToken token) {
		return malformed("Trailing token (`JsonToken." + token + "`) found after value (bound as `"
				+ JsonNode.class.getName() + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
	}

	private static DecodeFailure malformed(String message) {
		return new DecodeFailure(RejectReason.MALFORMED_JSON, "malformed JSON: " + firstLine(message));
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		String firstLine = (newline >= 0) ? message.substring(0, newline) : message;
		return (firstLine.length() > MAX_ERROR_LENGTH) ? firstLine.substring(0, MAX_ERROR_LENGTH) + "…" : firstLine;
	}

}
