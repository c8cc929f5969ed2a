package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * One value of the retained clinical lease as delivered: the holder's client id
 * ({@code ""} when cleared), the tag of the publication (MQTT 5 user property
 * {@value #TAG_PROPERTY}; null when the value carries none: a Last Will, a release, or a
 * broker that does not forward user properties), and whether the holder confirmed that it
 * owns (user property {@value #OWNING_PROPERTY}).
 *
 * @param holder the client id of the holder, {@code ""} if free
 * @param tag the publication's tag, or null
 * @param owning whether the holder published it as the owner (not only a claim)
 */
record LeaseValue(String holder, String tag, boolean owning) {

	/** The user property that tells one publication of an instance from another. */
	static final String TAG_PROPERTY = "claim";

	/** The user property an owner adds once it owns: a live owner, not a bare claim. */
	static final String OWNING_PROPERTY = "owning";

	static final LeaseValue FREE = new LeaseValue("", null, false);

	static LeaseValue of(byte[] payload, String tag, String owning) {
		return new LeaseValue(new String(payload, StandardCharsets.UTF_8).trim(), tag, "true".equals(owning));
	}

	boolean free() {
		return this.holder.isEmpty();
	}

	boolean names(String clientId) {
		return this.holder.equals(clientId);
	}

	/**
	 * Whether this is the given publication coming back; a value of the same holder
	 * without a tag counts (a broker that drops user properties).
	 */
	boolean isPublication(String clientId, String publicationTag) {
		return names(clientId) && (this.tag == null || this.tag.equals(publicationTag));
	}

}
