package care.vitals.ingest.storage;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTests {

	@Test
	void escapesControlCharactersSoALineCanNeverBeSplit() {
		assertThat(SafeText.of("a\nb\rc\td\u0000e\u007f", 100)).isEqualTo("a\\nb\\rc\\td\\x00e\\x7f");
	}

	@Test
	void keepsPrintableTextIncludingLineProtocolMetacharacters() {
		assertThat(SafeText.of("a,b=c d\"e\\f", 100)).isEqualTo("a,b=c d\"e\\f");
	}

	@Test
	void truncatesLongTextAndSaysSo() {
		assertThat(SafeText.of("x".repeat(50), 10)).isEqualTo("x".repeat(10) + "...");
	}

	@Test
	void keepsTextOfExactlyTheLimitWholeAndStillEscapesItsLastCharacter() {
		assertThat(SafeText.of("x".repeat(10), 10)).isEqualTo("x".repeat(10));
		assertThat(SafeText.of("x".repeat(9) + "\n", 10)).isEqualTo("x".repeat(9) + "\\n");
		assertThat(SafeText.of("x".repeat(11), 10)).isEqualTo("x".repeat(10) + "...");
	}

	@Test
	void showsInvalidUtf8AsHex() {
		assertThat(SafeText.of(new byte[] { (byte) 0xff, 0x41 }, 100)).isEqualTo("hex:ff41");
	}

	@Test
	void decodesValidUtf8() {
		assertThat(SafeText.of("Ä 😀".getBytes(StandardCharsets.UTF_8), 100)).isEqualTo("Ä 😀");
	}

}
