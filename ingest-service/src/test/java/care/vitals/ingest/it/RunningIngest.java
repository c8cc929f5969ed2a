package care.vitals.ingest.it;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import care.vitals.ingest.IngestApplication;
import care.vitals.model.topic.Topics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.mqtt.event.MqttSubscribedEvent;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;

/**
 * The ingest service started in this JVM against real servers, configured the way a
 * deployment configures it: through its properties (the environment variables of
 * CONTRACTS.md map onto them).
 */
final class RunningIngest implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningIngest(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static Map<String, Object> v1(String mqttUrl, String clientId, String influxUrl, String database, Path spool) {
		Map<String, Object> properties = base(mqttUrl, clientId, spool);
		properties.put("ingest.influx.url", influxUrl);
		properties.put("ingest.influx.api", "v1");
		properties.put("ingest.influx.database", database);
		return properties;
	}

	static Map<String, Object> v2(String mqttUrl, String clientId, String influxUrl, Path spool) {
		Map<String, Object> properties = base(mqttUrl, clientId, spool);
		properties.put("ingest.influx.url", influxUrl);
		properties.put("ingest.influx.api", "v2");
		properties.put("ingest.influx.org", "vitals");
		properties.put("ingest.influx.bucket", "vitals");
		properties.put("ingest.influx.token", "unused-by-victoria-metrics");
		return properties;
	}

	private static Map<String, Object> base(String mqttUrl, String clientId, Path spool) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("ingest.mqtt.url", mqttUrl);
		properties.put("ingest.mqtt.client-id", clientId);
		properties.put("ingest.spool.dir", spool.toString());
		properties.put("ingest.batch.max-backoff", "1s");
		properties.put("ingest.influx.timeout", "3s");
		properties.put("ingest.admin.username", "nurse-1");
		properties.put("ingest.admin.password", "correct-horse-battery");
		// the board snapshots for Grafana are tested by grafana-verification; here they
		// would only add lines to tests that count what is stored
		properties.put("ingest.station.snapshot", "0s");
		return properties;
	}

	/** Starts the service and waits until its inbound adapter has subscribed. */
	static RunningIngest start(Map<String, Object> properties) {
		CountDownLatch subscribed = new CountDownLatch(1);
		ApplicationListener<MqttSubscribedEvent> listener = (event) -> {
			// the device session (the patient state session subscribes first)
			if (event.getSource() instanceof Mqttv5PahoMessageDrivenChannelAdapter adapter
					&& Arrays.stream(adapter.getTopic())
						.anyMatch((topic) -> topic.endsWith(Topics.MEASUREMENTS_FILTER))) {
				subscribed.countDown();
			}
		};
		ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class)
			.listeners(listener)
			.run(arguments(properties));
		try {
			if (!subscribed.await(30, TimeUnit.SECONDS)) {
				context.close();
				throw new IllegalStateException("Ingest did not subscribe within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return new RunningIngest(context);
	}

	/** As command-line arguments, which take precedence over application.yml. */
	private static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	<T> Map<String, T> beans(Class<T> type) {
		return this.context.getBeansOfType(type);
	}

	int port() {
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
