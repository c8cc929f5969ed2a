package care.vitals.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for the small responses of InfluxDB and VictoriaMetrics, so that
 * the harness needs no JSON library. Objects become {@link Map}s, arrays {@link List}s,
 * numbers {@link Double} or {@link Long}.
 */
final class MiniJson {

	private final String text;

	private int pos;

	private MiniJson(String text) {
		this.text = text;
	}

	/**
	 * Parses one JSON value.
	 * @param text the JSON text
	 * @return the value
	 * @throws IllegalArgumentException if the text is not valid JSON
	 */
	static Object parse(String text) {
		MiniJson reader = new MiniJson(text);
		Object value = reader.value();
		reader.skipWhitespace();
		if (reader.pos != text.length()) {
			throw reader.error("trailing characters");
		}
		return value;
	}

	private Object value() {
		skipWhitespace();
		if (this.pos >= this.text.length()) {
			throw error("unexpected end");
		}
		char c = this.text.charAt(this.pos);
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object() {
		Map<String, Object> map = new LinkedHashMap<>();
		this.pos++;
		skipWhitespace();
		if (peek() == '}') {
			this.pos++;
			return map;
		}
		while (true) {
			skipWhitespace();
			String key = string();
			skipWhitespace();
			expect(':');
			map.put(key, value());
			skipWhitespace();
			if (peek() == ',') {
				this.pos++;
				continue;
			}
			expect('}');
			return map;
		}
	}

	private List<Object> array() {
		List<Object> list = new ArrayList<>();
		this.pos++;
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return list;
		}
		while (true) {
			list.add(value());
			skipWhitespace();
			if (peek() == ',') {
				this.pos++;
				continue;
			}
			expect(']');
			return list;
		}
	}

	private String string() {
		expect('"');
		StringBuilder sb = new StringBuilder();
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos++);
			if (c == '"') {
				return sb.toString();
			}
			if (c != '\\') {
				sb.append(c);
				continue;
			}
			char escaped = this.text.charAt(this.pos++);
			switch (escaped) {
				case 'b' -> sb.append('\b');
				case 'f' -> sb.append('\f');
				case 'n' -> sb.append('\n');
				case 'r' -> sb.append('\r');
				case 't' -> sb.append('\t');
				case 'u' -> {
					sb.append((char) Integer.parseInt(this.text.substring(this.pos, this.pos + 4), 16));
					this.pos += 4;
				}
				default -> sb.append(escaped);
			}
		}
		throw error("unterminated string");
	}

	private Object number() {
		int start = this.pos;
		while (this.pos < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.pos)) >= 0) {
			this.pos++;
		}
		String token = this.text.substring(start, this.pos);
		if (token.isEmpty()) {
			throw error("unexpected character");
		}
		try {
			return (token.matches("-?\\d+")) ? (Object) Long.parseLong(token) : (Object) Double.parseDouble(token);
		}
		catch (NumberFormatException ex) {
			throw error("bad number '" + token + "'");
		}
	}

	private Object literal(String word, Object value) {
		if (!this.text.startsWith(word, this.pos)) {
			throw error("unexpected character");
		}
		this.pos += word.length();
		return value;
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("expected '" + c + "'");
		}
		this.pos++;
	}

	private char peek() {
		return (this.pos < this.text.length()) ? this.text.charAt(this.pos) : '\0';
	}

	private void skipWhitespace() {
		while (this.pos < this.text.length() && Character.isWhitespace(this.text.charAt(this.pos))) {
			this.pos++;
		}
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException("Invalid JSON at " + this.pos + ": " + problem + " in "
				+ ((this.text.length() > 200) ? this.text.substring(0, 200) + "..." : this.text));
	}

}
