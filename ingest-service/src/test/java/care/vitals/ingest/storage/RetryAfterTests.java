package care.vitals.ingest.storage;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	@Test
	void readsDelaySeconds() {
		assertThat(RetryAfter.parse("7")).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void readsAnHttpDate() {
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
		assertThat(RetryAfter.parse(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(11));
	}

	@Test
	void ignoresMissingOrGarbage() {
		assertThat(RetryAfter.parse(null)).isNull();
		assertThat(RetryAfter.parse("soon")).isNull();
	}

	@Test
	void neverReturnsANegativeDelay() {
		assertThat(RetryAfter.parse("-5")).isEqualTo(Duration.ZERO);
	}

	@Test
	void classifiesStatusCodes() {
		assertThat(WriteOutcome.fromStatus(204, "", null)).isInstanceOf(WriteOutcome.Written.class);
		assertThat(WriteOutcome.fromStatus(400, "bad", null)).isInstanceOf(WriteOutcome.Rejected.class);
		assertThat(WriteOutcome.fromStatus(422, "bad", null)).isInstanceOf(WriteOutcome.Rejected.class);
		assertThat(WriteOutcome.fromStatus(429, "slow down", Duration.ofSeconds(3)))
			.isEqualTo(new WriteOutcome.Retryable("HTTP 429: slow down", Duration.ofSeconds(3)));
		assertThat(WriteOutcome.fromStatus(503, "down", null)).isInstanceOf(WriteOutcome.Retryable.class);
	}

}
