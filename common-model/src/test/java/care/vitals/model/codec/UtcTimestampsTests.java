package care.vitals.model.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtcTimestampsTests {

	@Test
	void readsWhatInstantParseReads() {
		for (String text : new String[] { "2026-12-05T21:40:00Z", "2026-12-05T21:40:00.1Z", "2026-12-05T21:40:00.123Z",
				"2026-12-05T21:40:00.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
				"0001-01-01T00:00:00Z", "2026-12-05T22:40:00+01:00", "2026-12-31T23:59:60Z", "2026-12-05T24:00:00Z",
				"2026-12-05T21:40:00.Z" }) {
			assertThat(UtcTimestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
		}
	}

	@Test
	void agreesWithInstantParseOnRandomInstants() {
		Random random = new Random(20261205);
		for (int i = 0; i < 20_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(0, 8_000_000_000L), random.nextInt(1_000_000_000))
				.truncatedTo(java.time.temporal.ChronoUnit.values()[random.nextInt(4)]);
			assertThat(UtcTimestamps.parse(instant.toString())).isEqualTo(instant);
		}
	}

	@Test
	void refusesWhatInstantParseRefuses() {
		for (String text : new String[] { "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
				"2026-12-05T21:40:00.1234567890Z", "2026-12-05 21:40:00Z", "2026-12-05T21:40Z", "2026-12-05T21:4a:00Z",
				"2026-04-31T10:00:00Z", "2026-12-05T21:40:00" }) {
			assertThatThrownBy(() -> UtcTimestamps.parse(text)).as(text).isInstanceOf(DateTimeException.class);
		}
	}

}
