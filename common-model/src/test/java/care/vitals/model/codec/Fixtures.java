package care.vitals.model.codec;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import care.vitals.model.reading.Reading;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fixed clock and helpers shared by the codec tests.
 */
final class Fixtures {

	static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final String DEVICE = "mon-7";

	static final String JSON = "application/json";

	static final String SENML = "application/senml+json";

	private Fixtures() {
	}

	static MeasurementDecoder decoder() {
		return new MeasurementDecoder(DecodeLimits.defaults(), CLOCK);
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Decodes a message that must decode completely, without rejected values.
	 */
	static List<Reading> decoded(String payload, String contentType) {
		Decoded decoded = partly(payload, contentType);
		assertThat(decoded.rejectedValues()).isEmpty();
		return decoded.readings();
	}

	/**
	 * Decodes a message that must not be rejected as a whole; values may be rejected. A
	 * message that is only missing the device's time (a test about something else) gets
	 * {@link #NOW} as its time: {@code ts} (compact JSON) or {@code bt} in its first
	 * record (SenML, whose relative times then resolve as they did against the receive
	 * time).
	 */
	static Decoded partly(String payload, String contentType) {
		DecodeResult result = decoder().decode(DEVICE, utf8(payload), contentType, NOW);
		if (result instanceof Rejected rejected && rejected.rejection().reason() == RejectReason.MISSING_DEVICE_TIME) {
			result = decoder().decode(DEVICE, utf8(withDeviceTime(payload)), contentType, NOW);
		}
		assertThat(result).isInstanceOf(Decoded.class);
		return (Decoded) result;
	}

	/**
	 * The payload with {@link #NOW} as the device's time.
	 */
	static String withDeviceTime(String payload) {
		String trimmed = payload.strip();
		if (trimmed.startsWith("[")) {
			int record = trimmed.indexOf('{');
			return trimmed.substring(0, record + 1) + "\"bt\":" + NOW.getEpochSecond() + ","
					+ trimmed.substring(record + 1);
		}
		return "{\"ts\":\"" + NOW + "\"," + trimmed.substring(trimmed.indexOf('{') + 1);
	}

	/**
	 * Decodes a message that must keep its structure but lose exactly one value.
	 */
	static RejectedValue onlyRejectedValue(String payload, String contentType) {
		List<RejectedValue> rejected = partly(payload, contentType).rejectedValues();
		assertThat(rejected).hasSize(1);
		return rejected.get(0);
	}

	static Rejection rejected(String payload, String contentType) {
		return rejected(decoder().decode(DEVICE, utf8(payload), contentType, NOW));
	}

	static Rejection rejected(DecodeResult result) {
		assertThat(result).isInstanceOf(Rejected.class);
		return ((Rejected) result).rejection();
	}

	static RejectReason reasonOf(String payload, String contentType) {
		return rejected(payload, contentType).reason();
	}

	static <T> T ok(Outcome<T> outcome) {
		assertThat(outcome).isInstanceOf(Outcome.Ok.class);
		return ((Outcome.Ok<T>) outcome).value();
	}

	static Rejection failed(Outcome<?> outcome) {
		assertThat(outcome).isInstanceOf(Outcome.Failed.class);
		return ((Outcome.Failed<?>) outcome).rejection();
	}

}
