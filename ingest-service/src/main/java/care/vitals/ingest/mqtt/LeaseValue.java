package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * One value of the retained clinical lease as delivered: the holder's client id
 * ({@code ""} when cleared) and the tag of the claim that published it (the MQTT 5 user
 * property {@value #TAG_PROPERTY}; null when the value carries none: a Last Will, a
 * release, or a broker that does not forward user properties).
 *
 * @param holder the client id of the holder, {@code ""} if free
 * @param tag the claim's tag, or null
 */
record LeaseValue(String holder, String tag) {

	/** The user property that tells one claim of an instance from another. */
	static final String TAG_PROPERTY = "claim";

	static final LeaseValue FREE = new LeaseValue("", null);

	static LeaseValue of(byte[] payload, String tag) {
		return new LeaseValue(new String(payload, StandardCharsets.UTF_8).trim(), tag);
	}

	boolean free() {
		return this.holder.isEmpty();
	}

	boolean names(String clientId) {
		return this.holder.equals(clientId);
	}

	/**
	 * Whether this is the given claim coming back; a value of the same holder without a
	 * tag counts (a broker that drops user properties).
	 */
	boolean isClaim(String clientId, String claimTag) {
		return names(clientId) && (this.tag == null || this.tag.equals(claimTag));
	}

}
