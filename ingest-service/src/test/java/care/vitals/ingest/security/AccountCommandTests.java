package care.vitals.ingest.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the README's way to create the first administrator: {@code account add} with
 * the password on standard input, never as an argument.
 */
class AccountCommandTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private int run(String stdin, String... args) {
		return new AccountCommand(this.dir.resolve("accounts.json"),
				new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(this.out, true, StandardCharsets.UTF_8))
			.execute(args);
	}

	@Test
	void addsTheFirstAdministratorWithThePasswordFromStandardInput() {
		assertThat(AccountCommand.requested(new String[] { "account", "add" })).isTrue();
		assertThat(AccountCommand.requested(new String[] { "--server.port=0" })).isFalse();
		assertThat(run("the-first-admin-password\n", "account", "add", "alice", "administrator,charge-nurse")).isZero();
		Account alice = new AccountStore(this.dir.resolve("accounts.json")).find("alice").orElseThrow();
		assertThat(alice.roles()).containsExactlyInAnyOrder(Role.ADMINISTRATOR, Role.CHARGE_NURSE);
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
			.matches("the-first-admin-password", alice.passwordHash())).isTrue();
		assertThat(run("", "account", "list")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("added alice").contains("alice [");
	}

	@Test
	void refusesUnknownRolesShortPasswordsAndBadUsageWithoutWriting() {
		assertThat(run("the-first-admin-password\n", "account", "add", "alice", "doctor")).isEqualTo(2);
		assertThat(run("short\n", "account", "add", "alice", "nurse")).isEqualTo(2);
		assertThat(run("", "account", "add", "alice")).isEqualTo(2);
		assertThat(run("", "account", "add", "alice", "nurse")).as("no password").isEqualTo(2);
		assertThat(new AccountStore(this.dir.resolve("accounts.json")).all()).isEmpty();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("unknown role doctor")
			.contains("at least 12")
			.contains("usage:");
	}

}
