package care.vitals.publisher.simulation;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import care.vitals.publisher.device.Payloads;
import care.vitals.publisher.mqtt.ControlConnection;
import care.vitals.publisher.mqtt.LinkFactory;
import care.vitals.publisher.physiology.Physiology;

/**
 * Wires the simulation engine: the real-time ticker, the physiological model, the service
 * and the once-a-second rate sampler.
 */
@Configuration(proxyBeanMethods = false)
class SimulationConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService simulationTickExecutor(SimulationProperties properties) {
		AtomicInteger count = new AtomicInteger();
		return Executors.newScheduledThreadPool(properties.tickThreads(), (runnable) -> {
			Thread thread = new Thread(runnable, "sim-tick-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	Ticker ticker(ScheduledExecutorService simulationTickExecutor) {
		return new ExecutorTicker(simulationTickExecutor);
	}

	@Bean
	Physiology physiology(SimulationProperties properties) {
		return new Physiology(properties.zone());
	}

	@Bean
	Payloads payloads() {
		return new Payloads();
	}

	@Bean
	SimulationService simulationService(SimulationProperties properties, Physiology physiology, Payloads payloads,
			LinkFactory linkFactory, Ticker ticker, ControlConnection controlConnection, MeterRegistry meterRegistry,
			Clock clock) {
		SimulationFactory factory = new SimulationFactory(properties, physiology, payloads, linkFactory, ticker,
				SimulationConfiguration::connectInBackground);
		return new SimulationService(properties, factory, new AssignmentPublisher(controlConnection),
				new SimulationMetrics(meterRegistry), clock);
	}

	/**
	 * Opens a simulation's connections on a thread of its own: it waits for connections
	 * to come up, a limited number at a time.
	 */
	private static void connectInBackground(Runnable task) {
		Thread thread = new Thread(task, "sim-connect");
		thread.setDaemon(true);
		thread.start();
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService simulationReporter(SimulationService simulationService) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "sim-report");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(simulationService::report, 1, 1, TimeUnit.SECONDS);
		return executor;
	}

}
