package care.vitals.ingest.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts, in one JSON file (docs/ward-station.md, "Where accounts live"). A ward
 * has tens of accounts that change a few times a week, and the NUC has no database
 * server: a small file next to the spool is enough, and it is in the backup with the rest
 * of the data directory.
 * <p>
 * Every change is a read-modify-write under an exclusive file lock (the running service
 * and the {@code account} command may change it at the same time), written to a temporary
 * file, fsynced, and atomically renamed over the old one, so a crash leaves the old or
 * the new file, never a torn one. The file is readable by its owner only. Reads are
 * cached and re-read when the file's modification time or size changes, so an account
 * added by the command is known to a running service at once.
 */
public final class AccountStore {

	private static final TypeReference<List<Account>> ACCOUNTS = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path file;

	private volatile Snapshot snapshot = new Snapshot(null, -1, Map.of());

	public AccountStore(Path file) {
		this.file = file.toAbsolutePath();
	}

	public Path file() {
		return this.file;
	}

	public Optional<Account> find(String username) {
		return Optional.ofNullable(current().accounts().get(username));
	}

	/** Every account, sorted by user name. */
	public List<Account> all() {
		return current().accounts()
			.values()
			.stream()
			.sorted(java.util.Comparator.comparing(Account::username))
			.toList();
	}

	/**
	 * Changes the accounts atomically.
	 * @param edit makes the new accounts (by user name) from the current ones; may throw
	 * {@link IllegalArgumentException} to refuse the change (nothing is written)
	 */
	public synchronized void update(UnaryOperator<Map<String, Account>> edit) {
		try {
			Files.createDirectories(this.file.getParent());
			Path lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
			try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock held = lock.lock()) {
				Map<String, Account> next = edit.apply(new TreeMap<>(read().accounts()));
				write(List.copyOf(next.values()));
			}
			this.snapshot = read();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the accounts file " + this.file, ex);
		}
	}

	private Snapshot current() {
		Snapshot known = this.snapshot;
		try {
			if (!Files.exists(this.file)) {
				return new Snapshot(null, -1, Map.of());
			}
			FileTime modified = Files.getLastModifiedTime(this.file);
			long size = Files.size(this.file);
			if (!modified.equals(known.modified()) || size != known.size()) {
				known = read();
				this.snapshot = known;
			}
			return known;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the accounts file " + this.file, ex);
		}
	}

	private Snapshot read() throws IOException {
		if (!Files.exists(this.file)) {
			return new Snapshot(null, -1, Map.of());
		}
		FileTime modified = Files.getLastModifiedTime(this.file);
		byte[] bytes = Files.readAllBytes(this.file);
		Map<String, Account> accounts = new TreeMap<>();
		for (Account account : this.json.readValue(bytes, ACCOUNTS)) {
			accounts.put(account.username(), account);
		}
		return new Snapshot(modified, bytes.length, Map.copyOf(accounts));
	}

	private void write(List<Account> accounts) throws IOException {
		Path temp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
		Files.deleteIfExists(temp);
		Files.createFile(temp);
		ownerOnly(temp);
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
			channel.write(java.nio.ByteBuffer.wrap(this.json.writeValueAsBytes(accounts)));
			channel.force(true);
		}
		try {
			Files.move(temp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, this.file, StandardCopyOption.REPLACE_EXISTING);
		}
		try (FileChannel dir = FileChannel.open(this.file.getParent(), StandardOpenOption.READ)) {
			dir.force(true);
		}
		catch (IOException ex) {
			// not every platform can fsync a directory
		}
	}

	private static void ownerOnly(Path path) {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// not a POSIX file system
		}
	}

	private record Snapshot(FileTime modified, long size, Map<String, Account> accounts) {
	}

}
