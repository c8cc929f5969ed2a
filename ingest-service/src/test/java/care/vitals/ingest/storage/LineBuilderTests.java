package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Random;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-built line equals influxdb-client-java's {@code Point} on random input: keys
 * and values with every line-protocol metacharacter, numbers of every magnitude, and the
 * special cases Point leaves out.
 */
class LineBuilderTests {

	private static final String ALPHABET = "ab_z09.-,= \"\\\n\r\té";

	@Test
	void buildsTheSameLineAsPointOnRandomInput() {
		Random random = new Random(20261127);
		for (int i = 0; i < 20_000; i++) {
			String measurement = text(random);
			Point point = Point.measurement(measurement);
			LineBuilder builder = LineBuilder.measurement(measurement);
			for (int t = random.nextInt(5); t > 0; t--) {
				String key = text(random);
				String value = (random.nextInt(10) == 0) ? "" : text(random);
				point.addTag(key, value);
				builder.tag(key, value);
			}
			for (int f = random.nextInt(8); f > 0; f--) {
				String key = text(random);
				switch (random.nextInt(4)) {
					case 0 -> {
						double value = number(random);
						point.addField(key, value);
						builder.field(key, value);
					}
					case 1 -> {
						long value = random.nextLong() >> random.nextInt(64);
						point.addField(key, value);
						builder.field(key, value);
					}
					case 2 -> {
						boolean value = random.nextBoolean();
						point.addField(key, value);
						builder.field(key, value);
					}
					default -> {
						String value = text(random);
						point.addField(key, value);
						builder.field(key, value);
					}
				}
			}
			Instant time = Instant.ofEpochSecond(random.nextLong() % 20_000_000_000L, random.nextInt(1_000_000_000));
			point.time(time, WritePrecision.NS);
			builder.time(time);
			assertThat(builder.build()).as("case %d", i).isEqualTo(point.toLineProtocol());
		}
	}

	@Test
	void reusesItsBufferWithoutCarryingALongLineIntoTheNext() {
		String text = "x".repeat(20_000);
		String first = LineBuilder.measurement("m").field("note", text).build();
		String second = LineBuilder.measurement("m").field("f", 1L).build();
		String third = LineBuilder.measurement("m").field("f", 2L).build();
		assertThat(first).isEqualTo("m note=\"" + text + "\"");
		assertThat(second).isEqualTo("m f=1i");
		assertThat(third).isEqualTo("m f=2i");
	}

	@Test
	void writesNumbersWithoutExponentsLikePoint() {
		for (double value : new double[] { 0.0, -0.0, 1.0, 72.0, 36.8, 0.001, 0.0009, 1e-7, 9_999_999.0, 1e7, 1.5e10,
				-3.25e-5, Double.MIN_VALUE, Double.MAX_VALUE }) {
			String expected = Point.measurement("m").addField("f", value).toLineProtocol().substring(4);
			assertThat(LineBuilder.plainDecimal(value)).as("%s", value).isEqualTo(expected);
		}
	}

	@Test
	void writesTimestampsBeyondTheNanosecondRangeAsPointDoesInsteadOfThrowing() {
		for (String time : new String[] { "2300-01-01T00:00:00Z", "1600-06-01T12:00:00.5Z", "2262-04-11T23:47:16Z" }) {
			Instant at = Instant.parse(time);
			assertThat(LineBuilder.measurement("device_status").field("online", true).time(at).build()).as(time)
				.isEqualTo(Point.measurement("device_status")
					.addField("online", true)
					.time(at, WritePrecision.NS)
					.toLineProtocol());
		}
	}

	@Test
	void leavesOutWhatPointLeavesOut() {
		assertThat(LineBuilder.measurement("m").tag("t", "").field("f", Double.NaN).build()).isEmpty();
		assertThat(LineBuilder.measurement("m")
			.tag("t", null)
			.field("f", 1.0)
			.field("g", Double.NEGATIVE_INFINITY)
			.build()).isEqualTo("m f=1.0");
	}

	private static String text(Random random) {
		StringBuilder text = new StringBuilder();
		for (int i = 1 + random.nextInt(6); i > 0; i--) {
			text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

	private static double number(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> random.nextInt(300);
			case 1 -> Math.round(random.nextDouble() * 4000) / 10.0;
			case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
			case 3 -> Double.longBitsToDouble(random.nextLong());
			case 4 -> -random.nextDouble();
			default -> random.nextDouble() * 1e-3;
		};
	}

}
