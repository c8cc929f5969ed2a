package care.vitals.model.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import org.junit.jupiter.api.Test;

import static care.vitals.model.codec.Fixtures.DEVICE;
import static care.vitals.model.codec.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RoundTripTests {

	private final MeasurementDecoder decoder = Fixtures.decoder();

	@Test
	void compactJsonRoundTripsEveryField() {
		Reading reading = new Reading(DEVICE, NOW.minusNanos(123_456_789), 4711L, vitals(), true, Consciousness.C);
		byte[] payload = new CompactJsonEncoder().encode(reading);
		assertThat(this.decoder.decode(DEVICE, payload, ContentType.COMPACT_JSON.mediaType(), NOW))
			.isEqualTo(new Decoded(List.of(reading)));
		assertThat(((Decoded) this.decoder.decode(DEVICE, payload, null, NOW)).readings().get(0).values().keySet())
			.containsExactlyElementsOf(reading.values().keySet());
	}

	@Test
	void compactJsonRoundTripsEveryParameterAtItsBounds() {
		for (Parameter parameter : Parameter.values()) {
			for (double value : new double[] { parameter.plausibleRange().min(), parameter.plausibleRange().max() }) {
				Reading reading = Reading.of(DEVICE, NOW, Map.of(parameter, value));
				assertThat(this.decoder.decode(DEVICE, new CompactJsonEncoder().encode(reading), null, NOW))
					.isEqualTo(new Decoded(List.of(reading)));
			}
		}
	}

	@Test
	void senmlRoundTripsSeveralReadingsWithFlags() {
		List<Reading> readings = List.of(
				new Reading(DEVICE, NOW.minusSeconds(120).plusMillis(123), null, vitals(), false, Consciousness.A),
				new Reading(DEVICE, NOW.minusSeconds(60), null, Map.of(Parameter.SPO2, 95.5), true, null),
				new Reading(DEVICE, NOW.minusMillis(1), null, robot(), null, null),
				new Reading(DEVICE, NOW.minusNanos(1_000), null, Map.of(), null, Consciousness.U));
		byte[] payload = new SenmlEncoder().encode(readings);
		assertThat(this.decoder.decode(DEVICE, payload, ContentType.SENML_JSON.mediaType(), NOW))
			.isEqualTo(new Decoded(readings));
		assertThat(this.decoder.decode(DEVICE, payload, null, NOW)).isEqualTo(new Decoded(readings));
	}

	@Test
	void senmlEncodesBaseNameBaseTimeAndStoredUnits() {
		Reading reading = Reading.of(DEVICE, Instant.parse("2026-11-27T17:59:00.5Z"),
				values(Parameter.SYSTOLIC_BP, 121.0, Parameter.ROBOT_TASK, 3.0));
		String json = new String(new SenmlEncoder().encode(reading), StandardCharsets.UTF_8);
		assertThat(json).isEqualTo("[{\"bn\":\"urn:dev:mon-7:\",\"bt\":1795802340.5,\"n\":\"systolic_bp\","
				+ "\"u\":\"mm[Hg]\",\"v\":121.0},{\"n\":\"robot_task\",\"v\":3.0}]");
	}

	@Test
	void senmlRoundTripsNonDefaultUnits() {
		Reading reading = Reading.of(DEVICE, NOW.minusSeconds(10), vitals());
		Map<Parameter, String> units = Map.of(Parameter.TEMPERATURE, "degF", Parameter.SYSTOLIC_BP, "kPa",
				Parameter.DIASTOLIC_BP, "Pa", Parameter.SPO2, "/", Parameter.HEART_RATE, "1/s");
		byte[] payload = new SenmlEncoder().encode(List.of(reading), units);
		assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"u\":\"degF\"", "\"u\":\"kPa\"",
				"\"u\":\"Pa\"", "\"u\":\"/\"", "\"u\":\"1/s\"");
		Reading decoded = ((Decoded) this.decoder.decode(DEVICE, payload, null, NOW)).readings().get(0);
		assertThat(decoded.timestamp()).isEqualTo(reading.timestamp());
		assertThat(decoded.values().keySet()).containsExactlyElementsOf(reading.values().keySet());
		reading.values()
			.forEach((parameter, value) -> assertThat(decoded.value(parameter).getAsDouble()).as(parameter.name())
				.isCloseTo(value, within(1e-9)));
	}

	@Test
	void senmlEncoderRefusesWhatItCannotExpress() {
		SenmlEncoder encoder = new SenmlEncoder();
		Reading reading = Reading.of(DEVICE, NOW, vitals());
		assertThatIllegalArgumentException().isThrownBy(() -> encoder.encode(List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> encoder.encode(List.of(reading, Reading.of("other", NOW, vitals()))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> encoder.encode(Reading.of(DEVICE, Instant.ofEpochSecond(1_000), vitals())));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> encoder.encode(List.of(reading), Map.of(Parameter.TEMPERATURE, "F")));
	}

	private static Map<Parameter, Double> vitals() {
		return values(Parameter.HEART_RATE, 72.0, Parameter.SPO2, 97.0, Parameter.RESP_RATE, 16.0,
				Parameter.TEMPERATURE, 36.8, Parameter.SYSTOLIC_BP, 121.0, Parameter.DIASTOLIC_BP, 79.0,
				Parameter.MEAN_BP, 93.0, Parameter.GLUCOSE, 98.5, Parameter.BATTERY, 87.0);
	}

	private static Map<Parameter, Double> robot() {
		return values(Parameter.POSITION_X, 12.25, Parameter.POSITION_Y, -3.5, Parameter.POSITION_AREA, 4.0,
				Parameter.ROBOT_TASK, 17.0, Parameter.ROBOT_ERROR, 0.0);
	}

	private static Map<Parameter, Double> values(Object... pairs) {
		Map<Parameter, Double> values = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			values.put((Parameter) pairs[i], (Double) pairs[i + 1]);
		}
		return values;
	}

}
