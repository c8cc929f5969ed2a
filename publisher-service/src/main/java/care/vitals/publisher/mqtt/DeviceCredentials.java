package care.vitals.publisher.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.id.Identifiers;

/**
 * Per-device MQTT accounts from a {@code device_id,password} CSV (blank lines, comments
 * starting with {@code #} and a {@code device_id,...} header are skipped). A device in
 * the file connects with its id as user name; every other device uses the fallback
 * account.
 */
public final class DeviceCredentials {

	private final Map<String, String> passwords;

	private final Credentials fallback;

	DeviceCredentials(Map<String, String> passwords, Credentials fallback) {
		this.passwords = Map.copyOf(passwords);
		this.fallback = fallback;
	}

	/**
	 * Loads the file.
	 * @param file the CSV, or {@code null} for none
	 * @param fallback the account of devices not in the file
	 * @return the credentials
	 * @throws IllegalArgumentException if a line is malformed
	 */
	public static DeviceCredentials load(Path file, Credentials fallback) {
		if (file == null || file.toString().isBlank()) {
			return new DeviceCredentials(Map.of(), fallback);
		}
		try {
			return new DeviceCredentials(parse(Files.readAllLines(file, StandardCharsets.UTF_8)), fallback);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read device credentials " + file, ex);
		}
	}

	static Map<String, String> parse(List<String> lines) {
		Map<String, String> passwords = new HashMap<>();
		int number = 0;
		for (String raw : lines) {
			number++;
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#") || line.startsWith("device_id,")) {
				continue;
			}
			int comma = line.indexOf(',');
			String id = (comma > 0) ? line.substring(0, comma).strip() : "";
			String password = (comma > 0) ? line.substring(comma + 1).strip() : "";
			if (!Identifiers.isValid(id) || password.isEmpty()) {
				throw new IllegalArgumentException("device credentials line " + number
						+ ": expected device_id,password with a valid device id and a non-empty password");
			}
			passwords.put(id, password);
		}
		return passwords;
	}

	/**
	 * Returns the account a device connects with.
	 * @param deviceId the device
	 * @return its own account, or the fallback
	 */
	public Credentials forDevice(String deviceId) {
		String password = this.passwords.get(deviceId);
		return (password != null) ? new Credentials(deviceId, password) : this.fallback;
	}

	/**
	 * Returns how many devices have their own account.
	 * @return the count
	 */
	public int size() {
		return this.passwords.size();
	}

}
