package care.vitals.testsupport.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies on a Docker host that the pinned EMQX and InfluxDB 2.7 images start and carry
 * one MQTT 5 message and one point. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeImagesIntegrationTests {

	@Container
	static final GenericContainer<?> emqx = ComposeContainers.emqx();

	@Container
	static final InfluxDBContainer<?> influx = ComposeContainers.influxDb2();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void emqxDeliversAnMqtt5Qos1Message() throws Exception {
		String url = "tcp://" + emqx.getHost() + ":" + emqx.getMappedPort(ComposeContainers.EMQX_MQTT_PORT);
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		MqttClient subscriber = new MqttClient(url, "smoke-sub", new MemoryPersistence());
		MqttClient publisher = new MqttClient(url, "smoke-pub", new MemoryPersistence());
		try {
			subscriber.connect(new MqttConnectionOptions());
			subscriber
				.subscribe("vitals/smoke", 1,
						(topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)))
				.waitForCompletion(5000);
			publisher.connect(new MqttConnectionOptions());
			publisher.publish("vitals/smoke", "{\"heart_rate\":72}".getBytes(StandardCharsets.UTF_8), 1, false);

			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"heart_rate\":72}");
		}
		finally {
			publisher.disconnect();
			publisher.close();
			subscriber.disconnect();
			subscriber.close();
		}
	}

	@Test
	void influxDb2AcceptsAPointAndReturnsItFromFlux() throws Exception {
		String token = influx.getAdminToken().orElseThrow();
		HttpResponse<String> write = this.http.send(HttpRequest
			.newBuilder(URI.create(influx.getUrl() + "/api/v2/write?org=" + influx.getOrganization() + "&bucket="
					+ influx.getBucket() + "&precision=s"))
			.header("Authorization", "Token " + token)
			.POST(HttpRequest.BodyPublishers
				.ofString("vitals,device=dev-1 heart_rate=72.0 " + System.currentTimeMillis() / 1000))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(write.statusCode()).as(write.body()).isEqualTo(204);

		String flux = "from(bucket: \\\"" + influx.getBucket()
				+ "\\\") |> range(start: -1h) |> filter(fn: (r) => r._measurement == \\\"vitals\\\")";
		HttpResponse<String> query = this.http
			.send(HttpRequest.newBuilder(URI.create(influx.getUrl() + "/api/v2/query?org=" + influx.getOrganization()))
				.header("Authorization", "Token " + token)
				.header("Content-Type", "application/json")
				.header("Accept", "application/csv")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + flux + "\", \"type\": \"flux\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
		assertThat(query.body()).contains("heart_rate").contains("dev-1").contains(",72,");
	}

}
