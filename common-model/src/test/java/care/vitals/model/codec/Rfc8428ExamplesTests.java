package care.vitals.model.codec;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import org.junit.jupiter.api.Test;

import static care.vitals.model.codec.Fixtures.SENML;
import static care.vitals.model.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of RFC 8428 §5.1, with our parameter names in place of voltage, current,
 * humidity and position, and the structure (bn, bt, bu, bver, relative t, resolved
 * records) kept.
 */
class Rfc8428ExamplesTests {

	private static final String DEVICE = "ow-10e2073a01080063";

	/** §5.1.3: Mon Oct 31 13:24:24 UTC 2011. */
	private static final Instant MULTIPLE_BT = Instant.ofEpochSecond(1_320_067_464L);

	/** §5.1.3, adapted: spo2 for humidity, position_x/y for lon/lat, battery %EL. */
	private static final String MULTIPLE_MEASUREMENTS = """
			[
			  {"bn":"urn:dev:ow:10e2073a01080063:","bt":1.320067464e+09,
			   "bu":"%","n":"spo2","v":97},
			  {"n":"position_x","u":"m","v":24.30621},
			  {"n":"position_y","u":"m","v":60.07965},
			  {"n":"spo2","t":60,"v":96},
			  {"n":"position_x","u":"m","t":60,"v":24.30622},
			  {"n":"position_y","u":"m","t":60,"v":60.07965},
			  {"n":"spo2","t":120,"v":95},
			  {"n":"position_x","u":"m","t":120,"v":24.30623},
			  {"n":"position_y","u":"m","t":120,"v":60.07966},
			  {"n":"battery","u":"%EL","t":150,"v":98},
			  {"n":"spo2","t":180,"v":94},
			  {"n":"position_x","u":"m","t":180,"v":24.30628},
			  {"n":"position_y","u":"m","t":180,"v":60.07967}
			]
			""";

	/** §5.1.4: the same pack with every record resolved. */
	private static final String RESOLVED = """
			[
			  {"n":"urn:dev:ow:10e2073a01080063:spo2","u":"%","t":1.320067464e+09,"v":97},
			  {"n":"urn:dev:ow:10e2073a01080063:position_x","u":"m","t":1.320067464e+09,"v":24.30621},
			  {"n":"urn:dev:ow:10e2073a01080063:position_y","u":"m","t":1.320067464e+09,"v":60.07965},
			  {"n":"urn:dev:ow:10e2073a01080063:spo2","u":"%","t":1.320067524e+09,"v":96},
			  {"n":"urn:dev:ow:10e2073a01080063:position_x","u":"m","t":1.320067524e+09,"v":24.30622},
			  {"n":"urn:dev:ow:10e2073a01080063:position_y","u":"m","t":1.320067524e+09,"v":60.07965},
			  {"n":"urn:dev:ow:10e2073a01080063:spo2","u":"%","t":1.320067584e+09,"v":95},
			  {"n":"urn:dev:ow:10e2073a01080063:position_x","u":"m","t":1.320067584e+09,"v":24.30623},
			  {"n":"urn:dev:ow:10e2073a01080063:position_y","u":"m","t":1.320067584e+09,"v":60.07966},
			  {"n":"urn:dev:ow:10e2073a01080063:battery","u":"%EL","t":1.320067614e+09,"v":98},
			  {"n":"urn:dev:ow:10e2073a01080063:spo2","u":"%","t":1.320067644e+09,"v":94},
			  {"n":"urn:dev:ow:10e2073a01080063:position_x","u":"m","t":1.320067644e+09,"v":24.30628},
			  {"n":"urn:dev:ow:10e2073a01080063:position_y","u":"m","t":1.320067644e+09,"v":60.07967}
			]
			""";

	/**
	 * §5.1.1 "Single Data Point" and a pack without any time: valid SenML, but "now" is
	 * the receive time, which is not a stable identity for a redelivered message, so the
	 * ingest refuses them (docs/ingest.md, "Device time").
	 */
	@Test
	void refusesPacksWithoutTimeAsMissingDeviceTime() {
		Instant now = Instant.parse("2026-11-27T18:00:00Z");
		for (String pack : new String[] { """
				[{"n":"urn:dev:ow:10e2073a01080063:temperature","u":"Cel","v":36.6}]
				""", """
				[{"bn":"urn:dev:ow:10e2073a01080063:","n":"heart_rate","u":"beat/min","v":72},
				 {"n":"spo2","u":"%","v":97}]
				""" }) {
			DecodeResult result = new MeasurementDecoder(DecodeLimits.defaults(), Clock.fixed(now, ZoneOffset.UTC))
				.decode(DEVICE, utf8(pack), SENML, now);
			assertThat(Fixtures.rejected(result).reason()).isEqualTo(RejectReason.MISSING_DEVICE_TIME);
		}
	}

	@Test
	void decodesSingleDatapointWithItsTime() {
		Instant now = Instant.parse("2026-11-27T18:00:00Z");
		List<Reading> readings = decode("""
				[{"n":"urn:dev:ow:10e2073a01080063:temperature","u":"Cel","v":36.6,"t":1795802400}]
				""", now);
		assertThat(readings).containsExactly(reading(now, Map.of(Parameter.TEMPERATURE, 36.6)));
	}

	/**
	 * §5.1.2 "Multiple Data Points": bt with milliseconds, bu and bver in the first
	 * record, later records relative to bt; temperature for voltage, heart_rate for
	 * current.
	 */
	@Test
	void decodesMultipleDataPointsWithRelativeTimes() {
		Instant bt = Instant.parse("2010-06-08T18:01:16.001Z");
		List<Reading> readings = decode("""
				[
				  {"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,
				   "bu":"/min","bver":5,
				   "n":"temperature","u":"Cel","v":36.8},
				  {"n":"heart_rate","t":-5,"v":72},
				  {"n":"heart_rate","t":-4,"v":73},
				  {"n":"heart_rate","t":-3,"v":74},
				  {"n":"heart_rate","t":-2,"v":75},
				  {"n":"heart_rate","t":-1,"v":76},
				  {"n":"heart_rate","v":77}
				]
				""", bt.plusSeconds(60));
		assertThat(readings).containsExactly(reading(bt, values(Parameter.TEMPERATURE, 36.8, Parameter.HEART_RATE, 77)),
				reading(bt.minusSeconds(5), values(Parameter.HEART_RATE, 72)),
				reading(bt.minusSeconds(4), values(Parameter.HEART_RATE, 73)),
				reading(bt.minusSeconds(3), values(Parameter.HEART_RATE, 74)),
				reading(bt.minusSeconds(2), values(Parameter.HEART_RATE, 75)),
				reading(bt.minusSeconds(1), values(Parameter.HEART_RATE, 76)));
	}

	@Test
	void decodesMultipleMeasurementsIntoOneReadingPerTime() {
		List<Reading> readings = decode(MULTIPLE_MEASUREMENTS, MULTIPLE_BT.plusSeconds(300));
		assertThat(readings).containsExactly(expectedMultipleMeasurements());
	}

	@Test
	void decodesResolvedRecordsToTheSameReadings() {
		List<Reading> readings = decode(RESOLVED, MULTIPLE_BT.plusSeconds(300));
		assertThat(readings).containsExactly(expectedMultipleMeasurements());
	}

	private static Reading[] expectedMultipleMeasurements() {
		return new Reading[] {
				reading(MULTIPLE_BT,
						values(Parameter.SPO2, 97, Parameter.POSITION_X, 24.30621, Parameter.POSITION_Y, 60.07965)),
				reading(MULTIPLE_BT.plusSeconds(60),
						values(Parameter.SPO2, 96, Parameter.POSITION_X, 24.30622, Parameter.POSITION_Y, 60.07965)),
				reading(MULTIPLE_BT.plusSeconds(120),
						values(Parameter.SPO2, 95, Parameter.POSITION_X, 24.30623, Parameter.POSITION_Y, 60.07966)),
				reading(MULTIPLE_BT.plusSeconds(150), values(Parameter.BATTERY, 98)),
				reading(MULTIPLE_BT.plusSeconds(180),
						values(Parameter.SPO2, 94, Parameter.POSITION_X, 24.30628, Parameter.POSITION_Y, 60.07967)) };
	}

	private static List<Reading> decode(String pack, Instant now) {
		MeasurementDecoder decoder = new MeasurementDecoder(DecodeLimits.defaults(), Clock.fixed(now, ZoneOffset.UTC));
		DecodeResult result = decoder.decode(DEVICE, utf8(pack), SENML, now);
		assertThat(result).isInstanceOf(Decoded.class);
		return ((Decoded) result).readings();
	}

	private static Reading reading(Instant ts, Map<Parameter, Double> values) {
		return Reading.of(DEVICE, ts, values);
	}

	private static Map<Parameter, Double> values(Object... pairs) {
		Map<Parameter, Double> values = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			values.put((Parameter) pairs[i], ((Number) pairs[i + 1]).doubleValue());
		}
		return values;
	}

}
