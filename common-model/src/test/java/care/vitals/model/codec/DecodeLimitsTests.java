package care.vitals.model.codec;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class DecodeLimitsTests {

	@Test
	void hasTheDocumentedDefaults() {
		assertThat(DecodeLimits.defaults())
			.isEqualTo(new DecodeLimits(65_536, 1_000, 8, Duration.ofMinutes(5), Duration.ofDays(30)));
	}

	@Test
	void rejectsUnusableLimits() {
		Duration skew = Duration.ofMinutes(5);
		Duration age = Duration.ofDays(30);
		assertThatIllegalArgumentException().isThrownBy(() -> new DecodeLimits(0, 1, 8, skew, age));
		assertThatIllegalArgumentException().isThrownBy(() -> new DecodeLimits(1, 0, 8, skew, age));
		assertThatIllegalArgumentException().isThrownBy(() -> new DecodeLimits(1, 1, 1, skew, age));
		assertThatIllegalArgumentException().isThrownBy(() -> new DecodeLimits(1, 1, 8, skew.negated(), age));
		assertThatIllegalArgumentException().isThrownBy(() -> new DecodeLimits(1, 1, 8, skew, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new DecodeLimits(1, 1, 8, skew, Duration.ofDays(40_000)));
		assertThatNullPointerException().isThrownBy(() -> new DecodeLimits(1, 1, 8, null, age));
	}

	@Test
	void parsesContentTypes() {
		assertThat(ContentType.parse("application/senml+json")).contains(ContentType.SENML_JSON);
		assertThat(ContentType.parse(" APPLICATION/JSON ;charset=UTF-8")).contains(ContentType.COMPACT_JSON);
		assertThat(ContentType.parse("application/senml+cbor")).isEmpty();
		assertThat(ContentType.parse(null)).isEmpty();
	}

}
