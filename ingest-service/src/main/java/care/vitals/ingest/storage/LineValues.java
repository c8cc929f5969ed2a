package care.vitals.ingest.storage;

import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;

/**
 * The tags or fields of a {@link LineBuilder}: keys with their values, kept as given
 * (text, a number) and written into the line by {@link LineBuilder#build()}: rendering
 * each value into a string of its own first was a fifth of what a line allocated. A key
 * added twice keeps its last value.
 */
final class LineValues {

	private static final ThreadLocal<NumberFormat> PLAIN_DECIMAL = ThreadLocal.withInitial(() -> {
		NumberFormat format = NumberFormat.getInstance(Locale.ENGLISH);
		format.setMaximumFractionDigits(340);
		format.setGroupingUsed(false);
		format.setMinimumFractionDigits(1);
		return format;
	});

	/** A tag value or a boolean, written as it is. */
	static final byte TEXT = 0;

	/** A string field, written quoted. */
	static final byte QUOTED = 1;

	static final byte DOUBLE = 2;

	static final byte LONG = 3;

	private String[] keys;

	private byte[] kinds;

	private String[] texts;

	/** Numbers: a double's bits or a long. */
	private long[] numbers;

	private int size;

	LineValues(int capacity) {
		this.keys = new String[capacity];
		this.kinds = new byte[capacity];
		this.texts = new String[capacity];
		this.numbers = new long[capacity];
	}

	void add(String key, String value) {
		add(key, TEXT, value, 0);
	}

	void add(String key, byte kind, String text, double number) {
		add(key, kind, text, Double.doubleToRawLongBits(number));
	}

	void add(String key, byte kind, String text, long number) {
		int at = indexOf(key);
		if (at < 0) {
			if (this.size == this.keys.length) {
				int capacity = this.size * 2;
				this.keys = Arrays.copyOf(this.keys, capacity);
				this.kinds = Arrays.copyOf(this.kinds, capacity);
				this.texts = Arrays.copyOf(this.texts, capacity);
				this.numbers = Arrays.copyOf(this.numbers, capacity);
			}
			at = this.size++;
			this.keys[at] = key;
		}
		this.kinds[at] = kind;
		this.texts[at] = text;
		this.numbers[at] = number;
	}

	void remove(String key) {
		int at = indexOf(key);
		if (at >= 0) {
			int after = this.size - at - 1;
			System.arraycopy(this.keys, at + 1, this.keys, at, after);
			System.arraycopy(this.kinds, at + 1, this.kinds, at, after);
			System.arraycopy(this.texts, at + 1, this.texts, at, after);
			System.arraycopy(this.numbers, at + 1, this.numbers, at, after);
			this.size--;
		}
	}

	private int indexOf(String key) {
		for (int i = 0; i < this.size; i++) {
			if (this.keys[i].equals(key)) {
				return i;
			}
		}
		return -1;
	}

	/** A field's value as line protocol. */
	void appendValue(StringBuilder line, int i) {
		switch (this.kinds[i]) {
			case DOUBLE -> appendPlainDecimal(line, Double.longBitsToDouble(this.numbers[i]));
			case LONG -> line.append(this.numbers[i]).append('i');
			case QUOTED -> appendQuoted(line, this.texts[i]);
			default -> line.append(this.texts[i]);
		}
	}

	/** Insertion sort by key: a line has a handful of tags and fields. */
	void sort() {
		for (int i = 1; i < this.size; i++) {
			String key = this.keys[i];
			byte kind = this.kinds[i];
			String text = this.texts[i];
			long number = this.numbers[i];
			int j = i - 1;
			while (j >= 0 && this.keys[j].compareTo(key) > 0) {
				this.keys[j + 1] = this.keys[j];
				this.kinds[j + 1] = this.kinds[j];
				this.texts[j + 1] = this.texts[j];
				this.numbers[j + 1] = this.numbers[j];
				j--;
			}
			this.keys[j + 1] = key;
			this.kinds[j + 1] = kind;
			this.texts[j + 1] = text;
			this.numbers[j + 1] = number;
		}
	}

	String key(int i) {
		return this.keys[i];
	}

	String text(int i) {
		return this.texts[i];
	}

	int size() {
		return this.size;
	}

	/**
	 * Appends {@link LineBuilder#plainDecimal(double)}, without an intermediate string in
	 * the usual case (no exponent).
	 */
	static StringBuilder appendPlainDecimal(StringBuilder line, double value) {
		int start = line.length();
		line.append(value);
		if (line.indexOf("E", start) >= 0) {
			line.setLength(start);
			line.append(PLAIN_DECIMAL.get().format(value));
		}
		return line;
	}

	/** Appends a string field's value, quoted, with quotes and backslashes escaped. */
	private static void appendQuoted(StringBuilder line, String value) {
		line.append('"');
		int clean = 0;
		while (clean < value.length() && value.charAt(clean) != '"' && value.charAt(clean) != '\\') {
			clean++;
		}
		line.append(value, 0, clean);
		for (int i = clean; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '"') {
				line.append('\\');
			}
			line.append(c);
		}
		line.append('"');
	}

}
