package care.vitals.ingest.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies that accounts are kept hashed, owner-readable, atomically, and seen at once by
 * another reader of the same file (the running service when the command adds one).
 */
class AccountsTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@TempDir
	Path dir;

	@Test
	void keepsOnlyABcryptHashInAnOwnerOnlyFile() throws Exception {
		Path file = this.dir.resolve("data/accounts.json");
		Accounts accounts = new Accounts(new AccountStore(file), this.encoder, Clock.systemUTC());
		accounts.add("anna", "a-long-password-1", EnumSet.of(Role.NURSE));
		String stored = Files.readString(file);
		assertThat(stored).doesNotContain("a-long-password-1").contains("{bcrypt}$2");
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		Account anna = new AccountStore(file).find("anna").orElseThrow();
		assertThat(this.encoder.matches("a-long-password-1", anna.passwordHash())).isTrue();
		assertThat(anna.roles()).containsExactly(Role.NURSE);
		assertThat(Files.list(file.getParent()).map((p) -> p.getFileName().toString()))
			.as("no temporary file left behind")
			.containsExactlyInAnyOrder("accounts.json", "accounts.json.lock");
	}

	@Test
	void anotherWriterOfTheFileIsSeenAtOnce() {
		Path file = this.dir.resolve("accounts.json");
		AccountStore service = new AccountStore(file);
		assertThat(service.find("ben")).isEmpty();
		new Accounts(new AccountStore(file), this.encoder, Clock.systemUTC()).add("ben", "another-password",
				EnumSet.of(Role.CHARGE_NURSE));
		assertThat(service.find("ben")).isPresent();
	}

	@Test
	void refusesShortPasswordsBadNamesDuplicatesAndNoRole() {
		Accounts accounts = new Accounts(new AccountStore(this.dir.resolve("a.json")), this.encoder, Clock.systemUTC());
		assertThatIllegalArgumentException().isThrownBy(() -> accounts.add("anna", "short", EnumSet.of(Role.NURSE)))
			.withMessageContaining("at least 12");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> accounts.add("Anna Smith", "a-long-password-1", EnumSet.of(Role.NURSE)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> accounts.add("anna", "a-long-password-1", EnumSet.noneOf(Role.class)));
		accounts.add("anna", "a-long-password-1", EnumSet.of(Role.NURSE));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> accounts.add("anna", "a-long-password-2", EnumSet.of(Role.ADMINISTRATOR)))
			.withMessageContaining("exists already");
		assertThat(accounts.all()).hasSize(1);
	}

	@Test
	void aDisabledAccountKeepsItsHashAndAResetEnablesIt() {
		Accounts accounts = new Accounts(new AccountStore(this.dir.resolve("a.json")), this.encoder, Clock.systemUTC());
		accounts.add("anna", "a-long-password-1", EnumSet.of(Role.NURSE));
		assertThat(accounts.enable("anna", false).enabled()).isFalse();
		Account reset = accounts.resetPassword("anna", "a-new-password-22");
		assertThat(reset.enabled()).isTrue();
		assertThat(this.encoder.matches("a-new-password-22", reset.passwordHash())).isTrue();
		assertThat(this.encoder.matches("a-long-password-1", reset.passwordHash())).isFalse();
	}

}
