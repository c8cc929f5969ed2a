package care.vitals.publisher.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import care.vitals.publisher.physiology.Moment;

/**
 * Realistic mode: every device has its own connection. Devices are spread over up to 20
 * phases of the period ({@link Schedule}); connections are opened a limited number at a
 * time so a large ward does not storm the broker.
 */
final class RealisticRun implements SimulationRun {

	private static final Log logger = LogFactory.getLog(RealisticRun.class);

	private static final int MAX_SLOTS = 20;

	private final Simulation simulation;

	private final List<SimulatedDevice> devices;

	private final Ticker ticker;

	private final int connectConcurrency;

	private final List<Ticker.Cancellable> tasks = new ArrayList<>();

	private final ExecutorService threads;

	private volatile boolean running;

	private final Executor connector;

	RealisticRun(Simulation simulation, List<SimulatedDevice> devices, Ticker ticker, int connectConcurrency,
			ExecutorService threads, Executor connector) {
		this.threads = threads;
		this.connector = connector;
		this.simulation = simulation;
		this.devices = List.copyOf(devices);
		this.ticker = ticker;
		this.connectConcurrency = connectConcurrency;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.connector.execute(this::connectAll);
		schedule(new Schedule(this.simulation.origin(), this.simulation.settings().period(), slots()), Duration.ZERO);
	}

	private int slots() {
		return Math.max(1, Math.min(MAX_SLOTS, this.devices.size()));
	}

	private void schedule(Schedule schedule, Duration delay) {
		for (int slot = 0; slot < schedule.slots(); slot++) {
			int s = slot;
			List<SimulatedDevice> group = new ArrayList<>();
			for (int i = s; i < this.devices.size(); i += schedule.slots()) {
				group.add(this.devices.get(i));
			}
			long[] k = { 0 };
			this.tasks.add(this.ticker.schedule(delay.plus(schedule.offset(s)), schedule.period(), () -> {
				Instant at = schedule.tick(s, k[0]++);
				tick(group, at);
			}));
		}
	}

	private void tick(List<SimulatedDevice> group, Instant at) {
		if (!this.running) {
			return;
		}
		Moment moment = this.simulation.moment(at);
		Settings settings = this.simulation.settings();
		for (SimulatedDevice device : group) {
			device.tick(moment, settings);
		}
	}

	private void connectAll() {
		int opened = 0;
		for (SimulatedDevice device : this.devices) {
			if (!this.running) {
				return;
			}
			device.connect();
			opened++;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.running && opened - connected() >= this.connectConcurrency && System.nanoTime() < deadline) {
				sleep(5);
			}
		}
	}

	@Override
	public synchronized void changed(Settings before, Settings after) {
		if (before.period().equals(after.period())) {
			return;
		}
		this.tasks.forEach(Ticker.Cancellable::cancel);
		this.tasks.clear();
		Instant next = this.simulation.origin().plus(this.simulation.latest()).plus(after.period());
		schedule(new Schedule(next, after.period(), slots()), after.period());
	}

	@Override
	public void stop() {
		synchronized (this) {
			this.running = false;
			this.tasks.forEach(Ticker.Cancellable::cancel);
			this.tasks.clear();
		}
		Moment now = this.simulation.moment(this.simulation.origin().plus(this.simulation.latest()));
		ExecutorService closer = Executors.newFixedThreadPool(Math.min(128, Math.max(1, this.devices.size() / 10)),
				(runnable) -> {
					Thread thread = new Thread(runnable, "sim-" + this.simulation.id() + "-close");
					thread.setDaemon(true);
					return thread;
				});
		this.devices.forEach((device) -> closer.execute(() -> device.close(now)));
		closer.shutdown();
		try {
			if (!closer.awaitTermination(60, TimeUnit.SECONDS)) {
				logger.warn("simulation " + this.simulation.id() + ": devices did not all disconnect within 60 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.threads.shutdownNow();
	}

	@Override
	public int connected() {
		int count = 0;
		for (SimulatedDevice device : this.devices) {
			if (device.connected()) {
				count++;
			}
		}
		return count;
	}

	@Override
	public int connections() {
		return this.devices.size();
	}

	List<SimulatedDevice> devices() {
		return this.devices;
	}

	SimulatedDevice device(String deviceId) {
		for (SimulatedDevice device : this.devices) {
			if (device.model().deviceId().equals(deviceId)) {
				return device;
			}
		}
		return null;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
