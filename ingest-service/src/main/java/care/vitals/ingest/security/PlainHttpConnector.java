package care.vitals.ingest.security;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the plain-HTTP port of {@link PlainHttpProperties} to the server, which then
 * serves the same application on both ports: https ({@code server.port} with the SSL
 * bundle) for the ward and plain HTTP for local health checks and scripts. The same
 * security rules apply on both; the session cookie stays {@code Secure}.
 */
@Configuration(proxyBeanMethods = false)
class PlainHttpConnector {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> plainHttpPort(PlainHttpProperties properties) {
		return (factory) -> {
			if (properties.port() == null) {
				return;
			}
			Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
			connector.setPort(properties.port());
			if (!properties.address().isEmpty()) {
				connector.setProperty("address", properties.address());
			}
			factory.addAdditionalConnectors(connector);
		};
	}

}
