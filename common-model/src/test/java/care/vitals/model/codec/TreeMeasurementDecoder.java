package care.vitals.model.codec;

import java.time.Clock;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * {@link MeasurementDecoder#decode} as it was before the streaming compact decoder
 * (commit 36d945f): every payload parsed into a tree, compact JSON decoded by
 * {@link TreeCompactJsonDecoder}. Test scope only: the reference of
 * {@link StreamingEquivalenceTests} and {@code CompactJsonDecodeBenchmark}.
 */
final class TreeMeasurementDecoder {

	private final DecodeLimits limits;

	private final Clock clock;

	private final StrictJson json;

	private final TreeCompactJsonDecoder compact = new TreeCompactJsonDecoder();

	private final SenmlDecoder senml;

	TreeMeasurementDecoder(DecodeLimits limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
		this.json = new StrictJson(limits);
		this.senml = new SenmlDecoder(limits);
	}

	DecodeResult decode(String deviceId, byte[] payload, String contentType, Instant receivedAt) {
		Instant now = this.clock.instant();
		Instant received = (receivedAt != null) ? receivedAt : now;
		byte[] bytes = (payload != null) ? payload : new byte[0];
		try {
			DecodeFailure.requireDeviceId(deviceId);
			this.json.requireWithinSize(bytes);
			boolean senmlFormat = MeasurementDecoder.isSenml(bytes, contentType);
			JsonNode root = this.json.parse(bytes);
			TimeWindow window = new TimeWindow(now, this.limits);
			return senmlFormat ? this.senml.decode(deviceId, root, received, window)
					: this.compact.decode(deviceId, root, received, window);
		}
		catch (DecodeFailure failure) {
			return new Rejected(failure.rejection());
		}
	}

}
