package care.vitals.publisher.simulation;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import care.vitals.publisher.MqttCollector;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Scenario;
import care.vitals.testsupport.MosquittoServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies against a real Mosquitto that a subscriber receives exactly the messages of a
 * seeded scenario: the same payloads, in the same order per device, as the engine
 * produces without a broker, with the first one pinned byte for byte.
 */
class SeededScenarioIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	private static final Duration RUN = Duration.ofMinutes(3);

	/** Seed 42, monitor of patient 1, first tick at 08:00:00 UTC. */
	private static final String FIRST_MONITOR_PAYLOAD = "{\"ts\":\"2026-11-27T08:00:00Z\",\"seq\":0,"
			+ "\"values\":{\"heart_rate\":68.0,\"spo2\":97.0,\"resp_rate\":14.0,\"temperature\":36.7,"
			+ "\"systolic_bp\":121.0,\"diastolic_bp\":68.0,\"mean_bp\":86.0},\"o2\":false,\"consciousness\":\"A\"}";

	@Test
	void subscriberReceivesExactlyTheSeededSequence() throws Exception {
		SimulationRequest request = SimulationEngineTests.withKinds(TestEngine.request(2),
				new DeviceKind[] { DeviceKind.BEDSIDE_MONITOR, DeviceKind.PULSE_OXIMETER }, Scenario.SEPSIS, 0.3, 60.0);
		TestEngine expected = TestEngine.recording();
		expected.service.create(request);
		expected.ticker.advance(RUN);
		List<String> devices = List.of("sim-sim1-monitor-001", "sim-sim1-oximeter-001", "sim-sim1-monitor-002",
				"sim-sim1-oximeter-002");

		try (MqttCollector collector = MqttCollector.keeping(mosquitto.url(), "devices/+/measurements",
				"devices/+/events")) {
			TestEngine engine = TestEngine.real(TestEngine.links(mosquitto.url()));
			Simulation simulation = engine.service.create(request);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (simulation.connected() < 4 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(simulation.connected()).isEqualTo(4);
			engine.ticker.advance(RUN);
			int total = expected.topicsAndPayloads("devices/")
				.stream()
				.filter((line) -> !line.contains("/status "))
				.toList()
				.size();
			assertThat(collector.await((lines) -> lines.size() >= total, Duration.ofSeconds(30))).isTrue();
			Thread.sleep(300);
			assertThat(collector.lines()).hasSize(total);
			for (String device : devices) {
				for (String kind : List.of("measurements", "events")) {
					String topic = "devices/" + device + "/" + kind;
					assertThat(collector.payloads(topic)).as(topic).isEqualTo(payloads(expected, topic));
				}
			}
			assertThat(collector.payloads("devices/sim-sim1-monitor-001/measurements").get(0))
				.isEqualTo(FIRST_MONITOR_PAYLOAD);
			engine.service.stop("sim1");
		}
	}

	private static List<String> payloads(TestEngine engine, String topic) {
		return engine.topicsAndPayloads(topic)
			.stream()
			.filter((line) -> line.startsWith(topic + " "))
			.map((line) -> line.substring(topic.length() + 1))
			.toList();
	}

}
