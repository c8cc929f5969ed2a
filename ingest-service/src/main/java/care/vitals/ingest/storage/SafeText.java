package care.vitals.ingest.storage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns untrusted bytes into a bounded, printable string that is safe inside a
 * line-protocol string field: control characters (newline, carriage return, tab, NUL and
 * the rest) become {@code \n}, {@code \r}, {@code \t} or {@code \xNN} escapes, and
 * invalid UTF-8 is shown byte by byte. Quotes and backslashes are escaped later by the
 * line-protocol writer.
 */
public final class SafeText {

	private SafeText() {
	}

	public static String of(byte[] bytes, int maxChars) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return hex(bytes, maxChars);
		}
		return of(text, maxChars);
	}

	public static String of(String text, int maxChars) {
		if (text.length() <= maxChars && isPrintable(text)) {
			// the common case (ids, alarm texts, NEWS2 sources): nothing to replace
			return text;
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
		for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						out.append(String.format("\\x%02x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		if (out.length() >= maxChars && text.length() > maxChars) {
			out.setLength(maxChars);
			out.append("...");
		}
		return out.toString();
	}

	private static boolean isPrintable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				return false;
			}
		}
		return true;
	}

	private static String hex(byte[] bytes, int maxChars) {
		StringBuilder out = new StringBuilder("hex:");
		for (int i = 0; i < bytes.length && out.length() + 2 <= maxChars; i++) {
			out.append(String.format("%02x", bytes[i] & 0xff));
		}
		if (out.length() + 2 > maxChars && bytes.length * 2 + 4 > maxChars) {
			out.append("...");
		}
		return out.toString();
	}

}
