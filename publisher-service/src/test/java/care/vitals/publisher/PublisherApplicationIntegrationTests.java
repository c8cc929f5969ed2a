package care.vitals.publisher;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import care.vitals.testsupport.MosquittoServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the packaged service as a real process against a real Mosquitto: started with
 * environment variables alone, its API authenticates and answers problem details, its
 * devices publish, a killed publisher's devices go offline through their Last Will, and a
 * terminated one ends its simulations cleanly.
 */
class PublisherApplicationIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	private static final String SIMULATION = "{\"id\":\"%s\",\"patients\":3,\"ward\":\"ward-%1$s\","
			+ "\"deviceKinds\":[\"BEDSIDE_MONITOR\",\"PULSE_OXIMETER\"],\"rate\":2,\"seed\":5,\"scenario\":\"SEPSIS\"}";

	private static List<String> devices(String id) {
		return List.of("sim-" + id + "-monitor-001", "sim-" + id + "-oximeter-001", "sim-" + id + "-monitor-002",
				"sim-" + id + "-oximeter-002", "sim-" + id + "-monitor-003", "sim-" + id + "-oximeter-003");
	}

	/**
	 * The jar started by hand refuses a well-known default secret itself (exit 78, the
	 * property named, never the value); the other tests start it with real secrets.
	 */
	@Test
	void aDefaultSecretStopsTheJarWith78NamingThePropertyNeverTheValue() throws Exception {
		PublisherProcess.Exited exited = PublisherProcess.runUntilExit(Map.of("MQTT_URL", mosquitto.url(),
				"PUBLISHER_API_USERNAME", PublisherProcess.USER, "PUBLISHER_API_PASSWORD", "Passw0rd"));

		assertThat(exited.status()).as(exited.output()).isEqualTo(78);
		assertThat(exited.output().lines())
			.filteredOn((line) -> line.contains(" ERROR ") && line.contains("Refusing to start"))
			.singleElement()
			.asString()
			.contains("the secret property publisher.api.password holds a placeholder or a well-known default");
		assertThat(exited.output()).doesNotContain("Passw0rd");
	}

	@Test
	void killedPublishersDevicesGoOfflineThroughTheirLastWill() throws Exception {
		try (PublisherProcess publisher = PublisherProcess.start(mosquitto.url());
				MqttCollector collector = MqttCollector.keeping(mosquitto.url(), "devices/+/status",
						"devices/+/measurements", "assignments/+")) {
			assertThat(publisher.get("/api/simulations", false).statusCode()).isEqualTo(401);
			HttpResponse<String> created = publisher.post("/api/simulations", SIMULATION.formatted("kill"));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			assertThat(created.headers().firstValue("Location")).hasValue("/api/simulations/kill");
			List<String> devices = devices("kill");
			assertThat(collector.await(
					(lines) -> devices.stream()
						.allMatch((id) -> lines.stream()
							.anyMatch((line) -> line.startsWith("devices/" + id + "/measurements "))),
					Duration.ofSeconds(20)))
				.isTrue();
			assertThat(collector.payloads("assignments/sim-kill-oximeter-002")).singleElement()
				.asString()
				.contains("\"patient\":\"sim-kill-patient-002\"", "\"ward\":\"ward-kill\"", "\"bed\":\"2\"");
			assertThat(collector.payloads("devices/sim-kill-monitor-001/status").get(0)).contains("\"online\":true");
			publisher.kill();
			assertThat(collector.await(
					(lines) -> devices.stream()
						.allMatch((id) -> lines.contains("devices/" + id + "/status {\"online\":false}")),
					Duration.ofSeconds(15)))
				.as("Last Will of every device")
				.isTrue();
		}
	}

	@Test
	void terminatedPublisherReportsDevicesOfflineAndDischargesPatients() throws Exception {
		try (PublisherProcess publisher = PublisherProcess.start(mosquitto.url())) {
			assertThat(publisher.post("/api/simulations", SIMULATION.formatted("term")).statusCode()).isEqualTo(201);
			List<String> devices = devices("term");
			Thread.sleep(2000);
			try (MqttCollector collector = MqttCollector.keeping(mosquitto.url(), "devices/+/status",
					"assignments/+")) {
				assertThat(publisher.terminate()).isIn(0, 143);
				assertThat(
						collector.await(
								(lines) -> devices.stream()
									.allMatch((id) -> lines.stream()
										.anyMatch((line) -> line
											.startsWith("devices/" + id + "/status {\"online\":false,")))
										&& devices.stream().allMatch((id) -> lines.contains("assignments/" + id + " ")),
								Duration.ofSeconds(10)))
					.as("explicit offline status (with battery, firmware, ts) and discharge of every device")
					.isTrue();
			}
		}
	}

	@Test
	void apiAnswersProblemDetails() throws Exception {
		try (PublisherProcess publisher = PublisherProcess.start(mosquitto.url())) {
			HttpResponse<String> health = publisher.get("/actuator/health", false);
			assertThat(health.statusCode()).isEqualTo(200);
			HttpResponse<String> unauthorized = publisher.get("/api/scenarios", false);
			assertThat(unauthorized.statusCode()).isEqualTo(401);
			assertThat(unauthorized.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(publisher.get("/actuator/health", true).body()).contains("\"broker\"", "\"UP\"");
			HttpResponse<String> invalid = publisher.post("/api/simulations", "{\"patients\":0,\"qos\":3}");
			assertThat(invalid.statusCode()).isEqualTo(400);
			assertThat(invalid.body()).contains("\"patients\"", "\"qos\"", "\"status\":400");
			HttpResponse<String> malformed = publisher.post("/api/simulations", "{\"patients\":");
			assertThat(malformed.statusCode()).isEqualTo(400);
			assertThat(malformed.body()).contains("not valid JSON");
			HttpResponse<String> unknownScenario = publisher.post("/api/simulations",
					"{\"patients\":1,\"scenario\":\"PLAGUE\"}");
			assertThat(unknownScenario.statusCode()).isEqualTo(400);
			assertThat(unknownScenario.body()).contains("SEPSIS");
			HttpResponse<String> realDeviceId = publisher.post("/api/simulations",
					"{\"patients\":1,\"devicePrefix\":\"bed3\"}");
			assertThat(realDeviceId.statusCode()).isEqualTo(400);
			assertThat(realDeviceId.body()).contains("\"devicePrefix\":\"must be sim or start with sim-");
			HttpResponse<String> notFound = publisher.get("/api/simulations/nope", true);
			assertThat(notFound.statusCode()).isEqualTo(404);
			assertThat(notFound.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(publisher.post("/api/simulations", "{\"id\":\"a\",\"patients\":1}").statusCode()).isEqualTo(201);
			HttpResponse<String> conflict = publisher.post("/api/simulations", "{\"id\":\"a\",\"patients\":1}");
			assertThat(conflict.statusCode()).isEqualTo(409);
			assertThat(publisher.get("/v3/api-docs", true).body()).contains("/api/simulations");
			assertThat(publisher.get("/swagger-ui/index.html", true).statusCode()).isEqualTo(200);
			assertThat(publisher.get("/api/scenarios", true).body()).contains("oxygen started");
		}
	}

}
