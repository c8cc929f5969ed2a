package care.vitals.ingest.mqtt;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks for the classes of Paho the ingest ships patched copies of: ours is the one
 * loaded, and the Paho on the class path is the release it was copied from.
 */
final class PahoCopies {

	private PahoCopies() {
	}

	/** Ours is loaded: from this build's classes, not from Paho's jar. */
	static void assertOursIsLoaded(Class<?> copy) throws URISyntaxException {
		Path loadedFrom = Path.of(copy.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(loadedFrom.toString()).doesNotContain("paho").endsWith(Path.of("target", "classes").toString());
	}

	/** ... and copied from the Paho on the class path. */
	static void assertCopiedFromThePahoOnTheClassPath(Class<?> copy) throws URISyntaxException {
		assertOursIsLoaded(copy);
		Path paho = Path.of(MqttAsyncClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(paho.getFileName().toString())
			.as("the Paho release our " + copy.getSimpleName()
					+ " was copied from: copy it again from a new one, and patch it again")
			.isEqualTo("org.eclipse.paho.mqttv5.client-1.2.5.jar");
	}

}
