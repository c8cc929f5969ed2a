package care.vitals.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Verifies that a missing server binary fails under CI and skips the test elsewhere,
 * naming the Debian package either way.
 */
class ServerBinariesTests {

	private static final String BOGUS = "vitals-no-such-server-binary";

	@Test
	void missingBinaryFailsUnderCiWithThePackageToInstall() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> ServerBinaries.locate(BOGUS, "vitals-server", Map.of("CI", "true", "PATH", "/nonexistent")))
			.withMessageContaining("apt-get install vitals-server")
			.withMessageContaining(BOGUS)
			.withMessageContaining("CI=true");
	}

	@Test
	void missingBinarySkipsTheTestOutsideCiWithThePackageToInstall() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> ServerBinaries.locate(BOGUS, "vitals-server", Map.of("PATH", "/nonexistent")))
			.withMessageContaining("apt-get install vitals-server")
			.withMessageContaining(BOGUS);
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> ServerBinaries.locate(BOGUS, "vitals-server", Map.of("CI", "false")));
	}

	@Test
	void findsBinariesOnThePathAndInTheSbinFallback() {
		assertThat(ServerBinaries.locate("sh", "dash", Map.of("CI", "true", "PATH", "/bin"))).hasToString("/bin/sh");
		assertThat(ServerBinaries.find("sh", null)).isPresent();
		assertThat(ServerBinaries.find(BOGUS, "/bin:/usr/bin")).isEmpty();
	}

}
