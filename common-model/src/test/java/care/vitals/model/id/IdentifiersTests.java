package care.vitals.model.id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentifiersTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "mon-7", "MON_7.b", "10e2073a01080063", "ward-3", "12",
			"0123456789012345678901234567890123456789012345678901234567890123" })
	void acceptsOneToSixtyFourSafeCharacters(String id) {
		assertThat(Identifiers.isValid(id)).isTrue();
		assertThat(Identifiers.requireValid(id, "device id")).isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "01234567890123456789012345678901234567890123456789012345678901234", "a+b", "a#b",
			"a/b", "a b", "a,b", "a=b", "a\"b", "a'b", "a\nb", "a\\b", "a\u0000b", "ä", "é-1", "patient\u200b", "a\tb",
			"$share" })
	void rejectsEmptyTooLongAndUnsafeCharacters(String id) {
		assertThat(Identifiers.isValid(id)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.requireValid(id, "device id"))
			.withMessageStartingWith("device id must be 1-64 characters");
	}

	@Test
	void rejectsNull() {
		assertThat(Identifiers.isValid(null)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.requireValid(null, "ward"))
			.withMessageEndingWith("got null");
	}

	@Test
	void neverEchoesTheRejectedInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.requireValid("x\ny=1", "bed"))
			.withMessageNotContaining("x\ny");
	}

}
