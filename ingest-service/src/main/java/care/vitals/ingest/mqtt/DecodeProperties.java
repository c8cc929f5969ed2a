package care.vitals.ingest.mqtt;

import java.time.Duration;

import care.vitals.model.codec.DecodeLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Limits applied to every incoming payload before and while it is decoded.
 *
 * @param maxPayloadBytes larger payloads are dead-lettered unparsed
 * @param maxRecords most SenML records (or readings) in one message
 * @param maxFutureSkew device timestamps later than now plus this are refused
 * @param maxAge device timestamps older than this are refused (keep it within the
 * raw-data retention)
 */
@ConfigurationProperties("ingest.decode")
public record DecodeProperties(int maxPayloadBytes, int maxRecords, Duration maxFutureSkew, Duration maxAge) {

	public DecodeProperties {
		Assert.isTrue(maxPayloadBytes >= 64,
				"ingest.decode.max-payload-bytes must be at least 64, not " + maxPayloadBytes);
		Assert.isTrue(maxRecords >= 1, "ingest.decode.max-records must be at least 1, not " + maxRecords);
		Assert.notNull(maxFutureSkew, "ingest.decode.max-future-skew is required");
		Assert.notNull(maxAge, "ingest.decode.max-age is required");
	}

	public DecodeLimits limits() {
		return new DecodeLimits(this.maxPayloadBytes, this.maxRecords, DecodeLimits.defaults().maxNestingDepth(),
				this.maxFutureSkew, this.maxAge);
	}

}
