package care.vitals.web.secrets;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What is not a real secret, the rule of {@code deploy/docker/entrypoint.sh} (which every
 * container, systemd unit and host script runs) repeated for the services themselves, so
 * that a jar started by hand refuses what a deployment would refuse. The script is the
 * source of truth: {@code RefusedSecretsTests} fails when the patterns below differ from
 * its text or when the two judge a value differently.
 * <ul>
 * <li>a <em>placeholder</em> is a template value ({@code __GENERATED__},
 * {@code __ANYTHING__}, {@code <set-me>}): the script's {@code is_placeholder};</li>
 * <li>a <em>well-known default</em> is a stand-in password ({@code changeme},
 * {@code password}, {@code admin}, {@code ${...}}, ...; case-insensitive, any line of the
 * value): the script's {@code is_default};</li>
 * <li>a <em>secret name</em> contains {@code PASSWORD}, {@code TOKEN}, {@code SECRET} or
 * {@code COOKIE}, or ends in {@code _KEY}: the script's {@code is_secret_name}. A
 * property key is judged by its last segment, in upper case with {@code -} as {@code _}
 * ({@code ingest.station.oidc.client-secret} by {@code CLIENT_SECRET}), so that settings
 * <em>about</em> a secret are not taken for one
 * ({@code server.servlet.session.cookie.same-site} may be {@code none}).</li>
 * </ul>
 * Empty values are never refused here, as in the script: a service that needs a value
 * says so itself.
 */
public final class RefusedSecrets {

	/** The extended regular expression of the script's {@code is_default}, verbatim. */
	static final String DEFAULTS = "changeme|change[-_]me|changeit|replace[-_]?me|passw(o|0)rd|secret|admin|root|default|example|test|todo|fixme|generated|none|null|x{3,}|\\*{3,}|\\$\\{.*\\}";

	/** The {@code case} patterns of the script's {@code is_placeholder}, verbatim. */
	static final String PLACEHOLDERS = "__*__ | \\<*\\> | *__GENERATED__*";

	/** The {@code case} patterns of the script's {@code is_secret_name}, verbatim. */
	static final String SECRET_NAMES = "*PASSWORD* | *TOKEN* | *SECRET* | *COOKIE* | *_KEY";

	private static final Pattern DEFAULT = Pattern.compile(DEFAULTS, Pattern.CASE_INSENSITIVE);

	private static final Pattern PLACEHOLDER = Pattern.compile("__.*__|<.*>|.*__GENERATED__.*", Pattern.DOTALL);

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|COOKIE).*|.*_KEY",
			Pattern.DOTALL);

	private RefusedSecrets() {
	}

	/**
	 * Whether a secret may not be used.
	 * @param value the value, possibly {@code null}
	 * @return {@code true} for a placeholder or a well-known default; {@code false} for
	 * anything else, including an empty or missing value
	 */
	public static boolean isRefused(String value) {
		return value != null && !value.isEmpty() && (isPlaceholder(value) || isDefault(value));
	}

	/**
	 * Whether a property holds a secret, judged by its name.
	 * @param name a property key ({@code ingest.mqtt.password}) or an environment
	 * variable or configuration tree file name ({@code MQTT_PASSWORD})
	 * @return {@code true} for a password, token, secret, cookie or key
	 */
	public static boolean isSecretName(String name) {
		return SECRET_NAME.matcher(environmentForm(name.substring(name.lastIndexOf('.') + 1))).matches();
	}

	static boolean isPlaceholder(String value) {
		return PLACEHOLDER.matcher(value).matches();
	}

	/** As {@code grep -Eiqx}: any line of the value that is a default in full. */
	static boolean isDefault(String value) {
		return value.lines().anyMatch((line) -> DEFAULT.matcher(line).matches());
	}

	private static String environmentForm(String name) {
		return name.replace('.', '_').replace('-', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
	}

}
