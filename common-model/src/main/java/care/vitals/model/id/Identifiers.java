package care.vitals.model.id;

/**
 * The one syntax rule for every identifier that travels in MQTT topics and InfluxDB tags:
 * device ids, pseudonymised patient ids, ward and bed names, shared-subscription groups.
 * <p>
 * A valid identifier is 1-64 characters of {@code [A-Za-z0-9._-]} (ASCII only). This
 * keeps it free of MQTT wildcards and separators ({@code + # /}), of line-protocol
 * specials (space, comma, {@code =}, quotes, backslash) and of control characters, so it
 * can be used in topics and tags without escaping. Note that {@code "."} and {@code ".."}
 * are valid by this rule; never use an identifier as a file-system path segment.
 */
public final class Identifiers {

	/** Maximum length of an identifier, in characters. */
	public static final int MAX_LENGTH = 64;

	private Identifiers() {
	}

	/**
	 * Tells whether a string is a valid identifier.
	 * @param candidate the string to check, may be {@code null}
	 * @return {@code true} if it is 1-64 characters of {@code [A-Za-z0-9._-]}
	 */
	public static boolean isValid(String candidate) {
		if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < candidate.length(); i++) {
			if (!isAllowed(candidate.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the identifier if it is valid.
	 * @param candidate the string to check, may be {@code null}
	 * @param what what the identifier names, used in the message (e.g. "device id")
	 * @return the candidate, unchanged
	 * @throws IllegalArgumentException if the candidate is {@code null} or invalid
	 */
	public static String requireValid(String candidate, String what) {
		if (!isValid(candidate)) {
			throw new IllegalArgumentException(
					what + " must be 1-" + MAX_LENGTH + " characters of [A-Za-z0-9._-], got " + describe(candidate));
		}
		return candidate;
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == '-';
	}

	private static String describe(String candidate) {
		if (candidate == null) {
			return "null";
		}
		return "a string of length " + candidate.length();
	}

}
