package care.vitals.model.rejection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionTests {

	@Test
	void echoesShortInputQuoted() {
		assertThat(Rejection.echo("blood_type")).isEqualTo("'blood_type'");
		assertThat(Rejection.echo(null)).isEqualTo("null");
	}

	@Test
	void truncatesEchoedInputToSixtyFourCodePoints() {
		String echoed = Rejection.echo("x".repeat(10_000));
		assertThat(echoed).isEqualTo("'" + "x".repeat(64) + "…'");
	}

	@Test
	void replacesControlCharactersAndBrokenSurrogates() {
		assertThat(Rejection.echo("a\nb\u0000c\u001bd")).isEqualTo("'a?b?c?d'");
		assertThat(Rejection.echo("x\ud800y")).isEqualTo("'x?y'");
		assertThat(Rejection.echo("grüße 😀")).isEqualTo("'grüße 😀'");
	}

	@Test
	void doesNotSplitSurrogatePairsWhenTruncating() {
		String echoed = Rejection.echo("😀".repeat(100));
		assertThat(echoed).isEqualTo("'" + "😀".repeat(64) + "…'");
	}

	@Test
	void capsTheDetail() {
		Rejection rejection = new Rejection(RejectReason.WRONG_TYPE, "y".repeat(5_000) + "\n");
		assertThat(rejection.detail()).hasSize(Rejection.MAX_DETAIL_LENGTH + 1).doesNotContain("\n");
		assertThat(rejection).hasToString("wrong_type: " + rejection.detail());
	}

}
