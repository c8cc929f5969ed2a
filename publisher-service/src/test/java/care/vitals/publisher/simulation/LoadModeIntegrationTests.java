package care.vitals.publisher.simulation;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import care.vitals.publisher.MqttCollector;
import care.vitals.publisher.ProcessMetrics;
import care.vitals.testsupport.MosquittoServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that load mode drives 10,000 logical devices over 8 connections towards 50,000
 * messages per second against a real Mosquitto and reports honestly what it achieved: the
 * rate it reports matches what the broker counted.
 */
class LoadModeIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create().withConfigLine("sys_interval 1");

	private static final double TARGET = 50_000;

	@Test
	void loadModeReachesItsTargetOrReportsHonestlyWhatItReached() throws Exception {
		try (MqttCollector sys = MqttCollector.keeping(mosquitto.url(), "$SYS/broker/messages/received")) {
			TestEngine engine = TestEngine.realTime(TestEngine.links(mosquitto.url()));
			long brokerBefore = latest(sys);
			ProcessMetrics selfBefore = ProcessMetrics.self();
			ProcessMetrics brokerProcessBefore = ProcessMetrics.of(mosquitto.pid());
			long start = System.nanoTime();
			Simulation simulation = engine.service.create(new SimulationRequest("load", Mode.LOAD, 10_000, null, null,
					null, null, 5.0, null, 0, null, null, 11L, null, null, null, null, null, null, 8, null, false));
			assertThat(simulation.spec().targetRate()).isEqualTo(TARGET);
			for (int second = 0; second < 8; second++) {
				Thread.sleep(1000);
				engine.service.report();
			}
			double achieved = simulation.achievedRate();
			engine.service.stop("load");
			double seconds = (System.nanoTime() - start) / 1e9;
			ProcessMetrics selfAfter = ProcessMetrics.self();
			ProcessMetrics brokerProcessAfter = ProcessMetrics.of(mosquitto.pid());
			long published = simulation.counters().completed();
			long others = simulation.counters().otherMessages();
			assertThat(sys.await((lines) -> latest(sys) - brokerBefore >= (published + others) * 0.99,
					Duration.ofSeconds(5)))
				.isTrue();
			Thread.sleep(1500);
			long brokerReceived = latest(sys) - brokerBefore;
			System.out.printf(
					"BENCHMARK load: target %.0f msg/s, reported %.0f msg/s over the last 5 s, %d measurements + %d status"
							+ " in %.1f s; broker received %d packets (%.0f/s); publisher JVM CPU %.2f cores,"
							+ " mosquitto CPU %.2f cores; target %s%n",
					TARGET, achieved, published, others, seconds, brokerReceived, brokerReceived / seconds,
					(selfAfter.cpuSeconds() - selfBefore.cpuSeconds()) / seconds,
					(brokerProcessAfter.cpuSeconds() - brokerProcessBefore.cpuSeconds()) / seconds,
					(achieved >= TARGET * 0.95) ? "reached" : "NOT reached (reported honestly)");
			assertThat(achieved).isPositive();
			assertThat(published).isPositive();
			// What the publisher reports as published is what reached the broker.
			assertThat((double) brokerReceived).isBetween((published + others) * 0.99,
					(published + others) * 1.01 + 100);
			assertThat(simulation.counters().failed()).isZero();
		}
	}

	private static long latest(MqttCollector sys) {
		List<String> payloads = sys.payloads("$SYS/broker/messages/received");
		return payloads.isEmpty() ? 0 : Long.parseLong(payloads.get(payloads.size() - 1).trim());
	}

}
