package care.vitals.web.secrets;

import java.util.List;

import org.springframework.boot.ExitCodeGenerator;

/**
 * A secret property holds a placeholder or a well-known default: the service does not
 * start. The message names the properties, never their values; the exit status is
 * {@value #EXIT_STATUS}, the status of {@code deploy/docker/entrypoint.sh} for the same
 * refusal.
 */
public class PlaceholderSecretException extends IllegalStateException implements ExitCodeGenerator {

	/** {@code EX_CONFIG} of sysexits.h, as in {@code deploy/docker/entrypoint.sh}. */
	public static final int EXIT_STATUS = 78;

	private final List<String> properties;

	PlaceholderSecretException(List<String> properties) {
		super("Refusing to start: " + ((properties.size() == 1) ? "the secret property " : "the secret properties ")
				+ String.join(", ", properties) + ((properties.size() == 1) ? " holds" : " hold")
				+ " a placeholder or a well-known default, not a real secret"
				+ " (docs/security.md, \"No placeholder starts anything\")");
		this.properties = properties;
	}

	/**
	 * Returns the refused properties.
	 * @return their keys, sorted
	 */
	public List<String> properties() {
		return this.properties;
	}

	@Override
	public int getExitCode() {
		return EXIT_STATUS;
	}

}
