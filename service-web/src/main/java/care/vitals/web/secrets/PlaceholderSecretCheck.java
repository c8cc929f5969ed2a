package care.vitals.web.secrets;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * No placeholder starts a service, even one started by hand ({@code java -jar}, the
 * README's local run) where no entrypoint or unit checked the environment first: once the
 * configuration is read, and before any bean exists, every secret property that holds a
 * placeholder or a well-known default ({@link RefusedSecrets}) is logged by name in one
 * line (never its value) and the start fails with exit status 78, as
 * {@code deploy/docker/entrypoint.sh} does.
 * <p>
 * Which properties: every key with a secret name ({@link RefusedSecrets#isSecretName}) in
 * the application's own configuration sources ({@code application.yml}, the
 * {@code configtree:} of the systemd credentials, command-line arguments, test
 * properties), judged at its resolved value, so {@code ingest.mqtt.password} is judged at
 * the {@code MQTT_PASSWORD} it reads. The process environment and the JVM's system
 * properties are not searched for names of their own (they hold the user's and the JVM's
 * settings, such as the JDK's well-known {@code changeit} trust store password); they
 * reach the check through the keys that read them.
 * <p>
 * Registered in {@code META-INF/spring.factories}; runs just after logging is set up so
 * that the line goes where the service's log goes.
 */
public class PlaceholderSecretCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(PlaceholderSecretCheck.class);

	private static final Set<String> PROCESS_SOURCES = Set.of(
			StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
			StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		List<String> refused = refusedProperties(event.getEnvironment());
		if (!refused.isEmpty()) {
			PlaceholderSecretException exception = new PlaceholderSecretException(refused);
			logger.error(exception.getMessage());
			throw exception;
		}
	}

	/**
	 * Returns the secret properties whose value is refused.
	 * @param environment the prepared environment
	 * @return their keys, sorted; empty when every secret is a real one (or empty)
	 */
	static List<String> refusedProperties(ConfigurableEnvironment environment) {
		Set<String> refused = new TreeSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable
					&& !PROCESS_SOURCES.contains(source.getName())) {
				for (String name : enumerable.getPropertyNames()) {
					if (RefusedSecrets.isSecretName(name) && RefusedSecrets.isRefused(resolved(environment, name))) {
						refused.add(name);
					}
				}
			}
		}
		return List.copyOf(refused);
	}

	private static String resolved(ConfigurableEnvironment environment, String name) {
		try {
			return environment.getProperty(name);
		}
		catch (IllegalArgumentException ex) {
			// an unresolvable ${...}: binding the property fails the start with its own
			// message
			return null;
		}
	}

}
