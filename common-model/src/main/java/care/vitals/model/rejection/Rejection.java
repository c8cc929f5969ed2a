package care.vitals.model.rejection;

import java.util.Objects;

/**
 * Why a message was rejected, with a precise, human-readable detail such as
 * {@code parameter 'spo2' value 150.0 % outside plausible range 0-100}.
 * <p>
 * The detail never carries unbounded user input: echo input only through
 * {@link #echo(String)}, and the constructor replaces control characters and caps the
 * detail at {@value #MAX_DETAIL_LENGTH} characters as a last guard.
 *
 * @param reason the reason; never {@code null}
 * @param detail what exactly was wrong; never {@code null}
 */
public record Rejection(RejectReason reason, String detail) {

	/** Longest detail kept, in characters. */
	public static final int MAX_DETAIL_LENGTH = 300;

	/** Longest piece of user input {@link #echo(String)} keeps, in code points. */
	public static final int MAX_ECHO_LENGTH = 64;

	/**
	 * Validates the rejection and sanitises the detail.
	 */
	public Rejection {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(detail, "detail");
		detail = sanitise(truncate(detail, MAX_DETAIL_LENGTH));
	}

	/**
	 * Quotes a piece of user input for a detail: at most {@value #MAX_ECHO_LENGTH} code
	 * points, control characters replaced by {@code ?}, in single quotes, with {@code …}
	 * appended when truncated.
	 * @param input the input, may be {@code null}
	 * @return the quoted input, or the word {@code null} (unquoted) for {@code null}
	 */
	public static String echo(String input) {
		if (input == null) {
			return "null";
		}
		return "'" + bound(input) + "'";
	}

	/**
	 * Bounds a piece of user input like {@link #echo(String)} but without quotes: at most
	 * {@value #MAX_ECHO_LENGTH} code points, control characters replaced by {@code ?},
	 * with {@code …} appended when truncated.
	 * @param input the input; never {@code null}
	 * @return the bounded input
	 */
	public static String bound(String input) {
		return sanitise(truncate(Objects.requireNonNull(input, "input"), MAX_ECHO_LENGTH));
	}

	/**
	 * Returns {@code reason: detail}.
	 * @return the reason code and the detail
	 */
	@Override
	public String toString() {
		return this.reason.code() + ": " + this.detail;
	}

	private static String sanitise(String text) {
		StringBuilder builder = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> {
			boolean printable = !Character.isISOControl(codePoint) && Character.isDefined(codePoint)
					&& Character.getType(codePoint) != Character.SURROGATE;
			builder.appendCodePoint(printable ? codePoint : '?');
		});
		return builder.toString();
	}

	private static String truncate(String text, int maxCodePoints) {
		if (text.codePointCount(0, text.length()) <= maxCodePoints) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, maxCodePoints)) + "…";
	}

}
