package care.vitals.publisher.mqtt;

/**
 * An MQTT account.
 *
 * @param username the user name, or {@code null} for anonymous access
 * @param password the password, or {@code null}
 */
public record Credentials(String username, String password) {

	@Override
	public String toString() {
		return "Credentials[username=" + this.username + "]";
	}

}
