package care.vitals.ingest.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A second, plain-HTTP port beside the station's https port (docs/ward-station.md,
 * "TLS"): for the container's healthcheck and the administrator's scripts on the NUC
 * itself, never for the ward's tablets. The compose file publishes it on 127.0.0.1 only.
 *
 * @param port the plain-HTTP port ({@code INGEST_PLAIN_HTTP_PORT}); empty: none
 * @param address the address it listens on ({@code INGEST_PLAIN_HTTP_ADDRESS}); empty:
 * every address of the host (in a container: the compose network, from which compose
 * publishes it on the NUC's loopback); {@code 127.0.0.1} without Docker
 */
@ConfigurationProperties("ingest.plain-http")
public record PlainHttpProperties(Integer port, String address) {

	public PlainHttpProperties {
		address = (address != null) ? address.trim() : "";
		if (port != null && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("ingest.plain-http.port must be a port number, not " + port);
		}
	}

}
