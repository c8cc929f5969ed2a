package care.vitals.model.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The measurement payload formats and their media types (MQTT 5 content type).
 */
public enum ContentType {

	/** Compact JSON, {@code application/json}. */
	COMPACT_JSON("application/json"),

	/** SenML JSON (RFC 8428), {@code application/senml+json}. */
	SENML_JSON("application/senml+json");

	private static final ContentType[] VALUES = values();

	private final String mediaType;

	private final Optional<ContentType> parsed;

	ContentType(String mediaType) {
		this.mediaType = mediaType;
		this.parsed = Optional.of(this);
	}

	/**
	 * Parses a content type, ignoring case, surrounding spaces and parameters such as
	 * {@code ; charset=utf-8}.
	 * @param contentType the content type, may be {@code null}
	 * @return the format, or empty if the content type is absent or not one of ours
	 */
	public static Optional<ContentType> parse(String contentType) {
		if (contentType == null) {
			return Optional.empty();
		}
		// the exact media types, as devices send them, without a copy per message
		for (ContentType type : VALUES) {
			if (type.mediaType.equals(contentType)) {
				return type.parsed;
			}
		}
		int semicolon = contentType.indexOf(';');
		String bare = ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim()
			.toLowerCase(Locale.ROOT);
		return Arrays.stream(VALUES).filter((type) -> type.mediaType.equals(bare)).findFirst();
	}

	/**
	 * Returns the media type.
	 * @return the media type, e.g. {@code application/senml+json}
	 */
	public String mediaType() {
		return this.mediaType;
	}

}
