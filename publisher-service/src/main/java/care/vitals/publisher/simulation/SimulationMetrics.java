package care.vitals.publisher.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Micrometer meters of each simulation, tagged {@code simulation} and {@code mode}:
 * target and achieved rate, published and failed measurements, connections up.
 */
class SimulationMetrics {

	private final MeterRegistry registry;

	private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

	SimulationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void register(Simulation simulation) {
		Tags tags = Tags.of("simulation", simulation.id(), "mode", simulation.spec().mode().name().toLowerCase());
		List<Meter> list = new ArrayList<>();
		list.add(
				Gauge
					.builder("publisher.simulation.rate.target", simulation,
							(s) -> (s.state() == SimulationState.RUNNING) ? s.spec().deviceCount() * s.settings().rate()
									: 0)
					.tags(tags)
					.baseUnit("messages/s")
					.description("Target measurement rate")
					.register(this.registry));
		list.add(Gauge.builder("publisher.simulation.rate.achieved", simulation, Simulation::achievedRate)
			.tags(tags)
			.baseUnit("messages/s")
			.description("Achieved measurement rate over the last five seconds")
			.register(this.registry));
		list.add(FunctionCounter
			.builder("publisher.simulation.measurements", simulation, (s) -> s.counters().completed())
			.tags(tags)
			.description("Measurements published (QoS 0 written, QoS 1/2 acknowledged)")
			.register(this.registry));
		list.add(FunctionCounter.builder("publisher.simulation.failures", simulation, (s) -> s.counters().failed())
			.tags(tags)
			.description("Measurements that failed to publish")
			.register(this.registry));
		list.add(Gauge.builder("publisher.simulation.connections.up", simulation, Simulation::connected)
			.tags(tags)
			.description("MQTT connections up")
			.register(this.registry));
		this.meters.put(simulation.id(), list);
	}

	void remove(Simulation simulation) {
		if (simulation == null) {
			return;
		}
		List<Meter> list = this.meters.remove(simulation.id());
		if (list != null) {
			list.forEach(this.registry::remove);
		}
	}

}
