package care.vitals.ingest.mqtt;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import care.vitals.model.codec.DecodeLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied to every incoming payload before and while it is decoded.
 *
 * @param maxPayloadBytes larger payloads are dead-lettered unparsed
 * @param maxRecords most SenML records (or readings) in one message
 * @param maxFutureSkew device timestamps later than now plus this are refused
 * @param maxAge device timestamps older than this are refused (keep it within the
 * raw-data retention)
 */
@Validated
@ConfigurationProperties("ingest.decode")
public record DecodeProperties(@Min(64) int maxPayloadBytes, @Min(1) int maxRecords, @NotNull Duration maxFutureSkew,
		@NotNull Duration maxAge) {

	DecodeLimits limits() {
		return new DecodeLimits(this.maxPayloadBytes, this.maxRecords, DecodeLimits.defaults().maxNestingDepth(),
				this.maxFutureSkew, this.maxAge);
	}

}
