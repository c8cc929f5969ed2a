package care.vitals.model.codec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.parameter.UnitConversion;

/**
 * Generates compact JSON messages for {@link StreamingEquivalenceTests}: random, mostly
 * valid messages (random vitals, units, timestamps, key order, whitespace and
 * {@code \}{@code u} escapes) and mutations of them (a key dropped, duplicated or
 * renamed, a value of another type, an unknown field). Seeded: a failure names the seed
 * and the payload.
 */
final class CompactJsonCorpus {

	/** A JSON value written as is: a number or a literal in its exact text. */
	record Raw(String text) {
	}

	/** One key and value of an object; an object may hold a key twice. */
	record Field(String key, Object value) {
	}

	/** A JSON object, its fields in order. */
	record Obj(List<Field> fields) {
	}

	/** A JSON array. */
	record Arr(List<Object> items) {
	}

	/**
	 * Values of every JSON type, edge cases included, to put where they do not belong.
	 */
	static final List<String> ODD_VALUES = List.of("null", "true", "false", "0", "-0", "-1", "72", "1.5", "-0.0", "1e2",
			"1E-2", "1e999", "-1e999", "1e-999", "2147483648", "9223372036854775807", "9223372036854775808",
			"-9223372036854775809", "99999999999999999999", "1" + "0".repeat(400), "0." + "1".repeat(400),
			"1795802400000", "1795802399999.5", "\"\"", "\"A\"", "\"a\"", "\"72\"", "\"2026-11-27T18:00:00Z\"",
			"\"degF\"", "\"\\u0041\"", "\"\\ud800\"", "\"\\u00e9\\n\"", "{}", "[]", "{\"a\":1}", "[1,2]",
			"{\"heart_rate\":72}", "{\"a\":{\"b\":[{\"c\":null}]}}", "[[[[]]]]", "[{\"x\":1,\"y\":[true]}]");

	private static final String[] CODES = { "A", "C", "V", "P", "U" };

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final Random random;

	CompactJsonCorpus(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * A random message: mostly valid, sometimes with an impossible value, an unsupported
	 * unit, a time outside the window or without {@code ts}.
	 */
	Obj message() {
		List<Field> fields = new ArrayList<>();
		if (chance(0.95)) {
			fields.add(new Field("ts", timestamp()));
		}
		if (chance(0.6)) {
			fields.add(new Field("seq", new Raw(Long.toString(this.random.nextInt(1_000_000)))));
		}
		List<Parameter> parameters = new ArrayList<>(Arrays.asList(Parameter.values()));
		Collections.shuffle(parameters, this.random);
		List<Parameter> measured = parameters.subList(0, 1 + this.random.nextInt(8));
		List<Field> values = new ArrayList<>();
		List<Field> units = new ArrayList<>();
		for (Parameter parameter : measured) {
			values.add(new Field(parameter.canonicalName(), new Raw(number(parameter))));
			if (chance(0.2)) {
				units.add(new Field(parameter.canonicalName(), unit(parameter)));
			}
		}
		fields.add(new Field("values", new Obj(values)));
		if (!units.isEmpty() || chance(0.05)) {
			fields.add(new Field("units", new Obj(units)));
		}
		if (chance(0.5)) {
			fields.add(new Field("o2", chance(0.95) ? this.random.nextBoolean() : null));
		}
		if (chance(0.4)) {
			fields.add(new Field("consciousness", chance(0.95) ? CODES[this.random.nextInt(CODES.length)] : null));
		}
		if (chance(0.15)) {
			fields.add(new Field("firmware", "2.4.1"));
		}
		if (chance(0.1)) {
			fields.add(
					new Field("extra", new Obj(List.of(new Field("a", new Arr(List.of(1, new Raw("{\"b\":null}"))))))));
		}
		Collections.shuffle(fields, this.random);
		return new Obj(fields);
	}

	/**
	 * The message with one or two faults: a key dropped, duplicated or renamed, a value
	 * replaced by one of another type, an unknown field added; at the top level or in
	 * {@code values} or {@code units}.
	 */
	Obj mutate(Obj message) {
		Obj mutated = copy(message);
		int faults = 1 + this.random.nextInt(2);
		for (int i = 0; i < faults; i++) {
			List<Field> fields = target(mutated);
			int at = fields.isEmpty() ? 0 : this.random.nextInt(fields.size());
			switch (this.random.nextInt(5)) {
				case 0 -> {
					if (!fields.isEmpty()) {
						fields.remove(at);
					}
				}
				case 1 -> {
					if (!fields.isEmpty()) {
						Field twin = chance(0.5) ? fields.get(at) : new Field(fields.get(at).key(), odd());
						fields.add(this.random.nextInt(fields.size() + 1), twin);
					}
				}
				case 2 -> {
					if (!fields.isEmpty()) {
						fields.set(at, new Field(rename(fields.get(at).key()), fields.get(at).value()));
					}
				}
				case 3 -> {
					if (!fields.isEmpty()) {
						fields.set(at, new Field(fields.get(at).key(), odd()));
					}
				}
				default -> fields.add(at, new Field(chance(0.5) ? "x" : "pulse", odd()));
			}
		}
		return mutated;
	}

	/**
	 * Writes a value as JSON; {@code noisy} adds random whitespace between tokens and
	 * writes random characters of keys and strings as {@code \}{@code u} escapes.
	 */
	String write(Object value, boolean noisy) {
		StringBuilder json = new StringBuilder();
		write(value, noisy, json);
		return json.toString();
	}

	private void write(Object value, boolean noisy, StringBuilder json) {
		if (value instanceof Obj obj) {
			json.append('{');
			for (int i = 0; i < obj.fields().size(); i++) {
				space(noisy, json.append((i > 0) ? "," : ""));
				string(obj.fields().get(i).key(), noisy, json);
				space(noisy, json);
				space(noisy, json.append(':'));
				write(obj.fields().get(i).value(), noisy, json);
				space(noisy, json);
			}
			json.append('}');
		}
		else if (value instanceof Arr arr) {
			json.append('[');
			for (int i = 0; i < arr.items().size(); i++) {
				space(noisy, json.append((i > 0) ? "," : ""));
				write(arr.items().get(i), noisy, json);
			}
			json.append(']');
		}
		else if (value instanceof String text) {
			string(text, noisy, json);
		}
		else if (value instanceof Raw raw) {
			json.append(raw.text());
		}
		else {
			json.append(value);
		}
	}

	private void string(String text, boolean noisy, StringBuilder json) {
		json.append('"');
		for (char c : text.toCharArray()) {
			if (c < 0x20 || c == '"' || c == '\\' || (noisy && chance(0.1))) {
				json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

	private void space(boolean noisy, StringBuilder json) {
		if (noisy && chance(0.2)) {
			json.append(" \t\r\n".charAt(this.random.nextInt(4)));
		}
	}

	/**
	 * ISO-8601 (0-9 decimals, sometimes an offset) or epoch ms; sometimes outside the
	 * window.
	 */
	private Object timestamp() {
		long millis = Fixtures.NOW.toEpochMilli() - (long) (this.random.nextDouble() * 30 * 86_400_000L);
		if (chance(0.05)) {
			millis += (chance(0.5) ? 1 : -1) * 40L * 86_400_000L;
		}
		Instant time = Instant.ofEpochMilli(millis).plusNanos(this.random.nextInt(1_000_000));
		if (chance(0.2)) {
			return new Raw(Long.toString(millis));
		}
		String fraction = String.format("%09d", time.getNano()).substring(0, this.random.nextInt(10));
		String text = SECONDS.format(time) + (fraction.isEmpty() ? "" : "." + fraction);
		if (chance(0.1)) {
			return text.replace('T', chance(0.5) ? 't' : 'T') + "+00:00";
		}
		return text + "Z";
	}

	/**
	 * Mostly possible, sometimes just or far outside the range; integer, decimal or
	 * exponent.
	 */
	private String number(Parameter parameter) {
		double min = parameter.plausibleRange().min();
		double max = parameter.plausibleRange().max();
		double value = min + this.random.nextDouble() * (max - min);
		if (chance(0.1)) {
			value = chance(0.5) ? max + this.random.nextDouble() * 10 : min - this.random.nextDouble() * 10;
		}
		if (parameter.wholeNumber() || chance(0.4)) {
			return Long.toString(Math.round(value));
		}
		if (chance(0.1)) {
			return String.format(Locale.ROOT, "%.3e", value);
		}
		return String.format(Locale.ROOT, "%." + this.random.nextInt(4) + "f", value);
	}

	private String unit(Parameter parameter) {
		if (chance(0.1)) {
			return chance(0.5) ? "F" : "";
		}
		List<UnitConversion> accepted = parameter.acceptedUnits()
			.stream()
			.map((unit) -> parameter.conversion(unit).orElseThrow())
			.toList();
		return accepted.get(this.random.nextInt(accepted.size())).unit();
	}

	private Object odd() {
		return new Raw(ODD_VALUES.get(this.random.nextInt(ODD_VALUES.size())));
	}

	private String rename(String key) {
		return switch (this.random.nextInt(4)) {
			case 0 -> key.toUpperCase(Locale.ROOT);
			case 1 -> key + "_";
			case 2 -> key.isEmpty() ? "x" : key.substring(1);
			default -> "unknown";
		};
	}

	/** The fields of the top level, of {@code values} or of {@code units}. */
	private List<Field> target(Obj message) {
		List<List<Field>> targets = new ArrayList<>();
		targets.add(message.fields());
		for (Field field : message.fields()) {
			if (field.value() instanceof Obj obj && (field.key().equals("values") || field.key().equals("units"))) {
				targets.add(obj.fields());
			}
		}
		return targets.get(this.random.nextInt(targets.size()));
	}

	private static Obj copy(Obj obj) {
		List<Field> fields = new ArrayList<>();
		for (Field field : obj.fields()) {
			fields.add(new Field(field.key(), (field.value() instanceof Obj inner) ? copy(inner) : field.value()));
		}
		return new Obj(fields);
	}

	private boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

}
