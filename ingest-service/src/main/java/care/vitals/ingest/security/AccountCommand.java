package care.vitals.ingest.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * {@code java -jar ingest-service.jar account …}: manages the accounts file without
 * starting the service (no broker, no database needed), for the first administrator and
 * for recovery when no administrator can log in:
 *
 * <pre>
 * account add USER ROLE[,ROLE…]      password from the terminal, or one line on stdin
 * account password USER              new password, and enables the account
 * account disable USER | enable USER
 * account list
 * </pre>
 *
 * The accounts file is {@code ACCOUNTS_FILE} (default {@code ./data/accounts.json}), the
 * same variable the service reads. The password is never an argument (it would be in the
 * shell history and the process list).
 */
public final class AccountCommand {

	static final String DEFAULT_FILE = "./data/accounts.json";

	private final Accounts accounts;

	private final Path file;

	private final InputStream in;

	private final PrintStream out;

	AccountCommand(Path file, InputStream in, PrintStream out) {
		this.file = file;
		this.accounts = new Accounts(new AccountStore(file), PasswordEncoderFactories.createDelegatingPasswordEncoder(),
				Clock.systemUTC());
		this.in = in;
		this.out = out;
	}

	/** Whether the command line asks for this command rather than the service. */
	public static boolean requested(String[] args) {
		return args.length > 0 && "account".equals(args[0]);
	}

	/** Runs the command with the process's environment, stdin and stdout; exit status. */
	public static int run(String[] args) {
		String file = System.getenv().getOrDefault("ACCOUNTS_FILE", DEFAULT_FILE);
		return new AccountCommand(Path.of(file), System.in, System.out).execute(args);
	}

	int execute(String[] args) {
		try {
			String verb = (args.length > 1) ? args[1] : "";
			switch (verb) {
				case "add" -> add(arguments(args, 4));
				case "password" -> this.out.println("password changed for "
						+ this.accounts.resetPassword(arguments(args, 3)[2], password()).username());
				case "disable" ->
					this.out.println("disabled " + this.accounts.enable(arguments(args, 3)[2], false).username());
				case "enable" ->
					this.out.println("enabled " + this.accounts.enable(arguments(args, 3)[2], true).username());
				case "list" -> this.accounts.all()
					.forEach(
							(a) -> this.out.println(a.username() + " " + a.roles() + (a.enabled() ? "" : " disabled")));
				default -> throw new IllegalArgumentException(usage());
			}
			return 0;
		}
		catch (IllegalArgumentException ex) {
			this.out.println("account: " + ex.getMessage());
			return 2;
		}
	}

	private void add(String[] args) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String code : args[3].split(",")) {
			roles.add(Role.fromCode(code)
				.orElseThrow(() -> new IllegalArgumentException(
						"unknown role " + code + "; roles: " + Arrays.toString(roleCodes()))));
		}
		Account account = this.accounts.add(args[2], password(), roles);
		this.out.println("added " + account.username() + " " + account.roles() + " to " + this.file);
	}

	private String password() {
		Console console = System.console();
		if (console != null && this.in == System.in) {
			char[] first = console.readPassword("password (12+ characters): ");
			char[] again = console.readPassword("again: ");
			if (first == null || !Arrays.equals(first, again)) {
				throw new IllegalArgumentException("the passwords differ");
			}
			return new String(first);
		}
		try {
			String line = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.UTF_8)).readLine();
			if (line == null) {
				throw new IllegalArgumentException("no password on standard input");
			}
			return line;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("could not read the password: " + ex.getMessage());
		}
	}

	private static String[] arguments(String[] args, int count) {
		if (args.length != count) {
			throw new IllegalArgumentException(usage());
		}
		return args;
	}

	private static String[] roleCodes() {
		return Arrays.stream(Role.values()).map(Role::code).toArray(String[]::new);
	}

	private static String usage() {
		return "usage: account add USER ROLE[,ROLE...] | account password USER | account disable USER"
				+ " | account enable USER | account list  (roles: " + String.join(", ", roleCodes())
				+ "; file: ACCOUNTS_FILE, default " + DEFAULT_FILE + ")";
	}

}
