package care.vitals.publisher.simulation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import care.vitals.publisher.MqttCollector;
import care.vitals.publisher.ProcessMetrics;
import care.vitals.testsupport.MosquittoServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that 2,000 devices in realistic mode (one MQTT connection each, with Last Will
 * and retained status) connect to a real Mosquitto and each publish at 1 Hz. Prints CPU,
 * memory and threads of this JVM (publisher and test subscriber) and of Mosquitto for
 * docs/benchmarks.md.
 */
class RealisticScaleIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	private static final int DEVICES = 2000;

	private static final Duration WINDOW = Duration.ofSeconds(20);

	@Test
	void twoThousandDevicesConnectAndPublishAtOneHertz() throws Exception {
		try (MqttCollector collector = MqttCollector.counting(mosquitto.url(), 1, "devices/+/measurements")) {
			TestEngine engine = TestEngine.realTime(TestEngine.links(mosquitto.url()));
			long start = System.nanoTime();
			Simulation simulation = engine.service.create(new SimulationRequest("scale", null, DEVICES, null, null,
					null, null, 1.0, null, 1, null, null, 7L, null, null, 0.0, null, null, null, null, null, false));
			long deadline = start + Duration.ofSeconds(60).toNanos();
			while (simulation.connected() < DEVICES && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			double connectSeconds = (System.nanoTime() - start) / 1e9;
			assertThat(simulation.connected()).isEqualTo(DEVICES);
			Thread.sleep(2000);
			Map<String, Long> before = snapshot(collector);
			ProcessMetrics selfBefore = ProcessMetrics.self();
			ProcessMetrics brokerBefore = ProcessMetrics.of(mosquitto.pid());
			long windowStart = System.nanoTime();
			Thread.sleep(WINDOW.toMillis());
			double seconds = (System.nanoTime() - windowStart) / 1e9;
			ProcessMetrics selfAfter = ProcessMetrics.self();
			ProcessMetrics brokerAfter = ProcessMetrics.of(mosquitto.pid());
			Map<String, Long> after = snapshot(collector);
			long liveHeap = ProcessMetrics.liveHeapBytes();
			assertThat(after).hasSize(DEVICES);
			long minimum = Long.MAX_VALUE;
			long total = 0;
			for (Map.Entry<String, Long> entry : after.entrySet()) {
				long inWindow = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
				minimum = Math.min(minimum, inWindow);
				total += inWindow;
			}
			Map<Long, Integer> histogram = new TreeMap<>();
			after.forEach((k, v) -> histogram.merge(v - before.getOrDefault(k, 0L), 1, Integer::sum));
			System.out.println("BENCHMARK realistic: messages per device in the window -> devices " + histogram);
			assertThat(minimum).as("fewest messages of one device in %s", WINDOW)
				.isGreaterThanOrEqualTo(WINDOW.toSeconds() - 2);
			System.out.printf(
					"BENCHMARK realistic: %d devices connected in %.1f s; %d msg in %.1f s = %.0f msg/s, min per device %d;"
							+ " test JVM (publisher + subscriber): CPU %.2f cores, RSS %d MiB, live heap %d MiB,"
							+ " %d threads; mosquitto: CPU %.2f cores, RSS %d MiB%n",
					DEVICES, connectSeconds, total, seconds, total / seconds, minimum,
					(selfAfter.cpuSeconds() - selfBefore.cpuSeconds()) / seconds, selfAfter.rssBytes() >> 20,
					liveHeap >> 20, selfAfter.threads(),
					(brokerAfter.cpuSeconds() - brokerBefore.cpuSeconds()) / seconds, brokerAfter.rssBytes() >> 20);
			long stopStart = System.nanoTime();
			engine.service.stop("scale");
			System.out.printf("BENCHMARK realistic: stop (2,000 offline statuses, clean disconnects) took %.1f s%n",
					(System.nanoTime() - stopStart) / 1e9);
		}
	}

	private static Map<String, Long> snapshot(MqttCollector collector) {
		Map<String, Long> counts = new HashMap<>();
		for (Map.Entry<String, AtomicLong> entry : collector.counts().entrySet()) {
			counts.put(entry.getKey(), entry.getValue().get());
		}
		return counts;
	}

}
