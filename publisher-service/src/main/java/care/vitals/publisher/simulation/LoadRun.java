package care.vitals.publisher.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import care.vitals.publisher.device.DeviceModel;
import care.vitals.publisher.device.Payloads;
import care.vitals.publisher.device.Sample;
import care.vitals.publisher.mqtt.MqttLink;
import care.vitals.publisher.mqtt.OutboundMessage;
import care.vitals.publisher.physiology.Moment;

/**
 * Load mode: many logical devices over a few shared connections, one worker thread per
 * connection. Each worker paces its messages to its share of the target rate; when the
 * client refuses more (in-flight window full) the worker waits, so the achieved rate
 * falls below the target instead of memory filling up, and the shortfall shows in the
 * measured rate. A worker more than a second behind drops the debt rather than bursting
 * to catch up.
 */
final class LoadRun implements SimulationRun {

	private static final long MAX_DEBT_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long STATUS_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Simulation simulation;

	private final List<DeviceModel> devices;

	private final List<MqttLink> links;

	private final Payloads payloads;

	private final List<Thread> workers = new ArrayList<>();

	private final AtomicLong skipped = new AtomicLong();

	private volatile boolean running;

	LoadRun(Simulation simulation, List<DeviceModel> devices, List<MqttLink> links, Payloads payloads) {
		this.simulation = simulation;
		this.devices = List.copyOf(devices);
		this.links = List.copyOf(links);
		this.payloads = payloads;
	}

	@Override
	public void start() {
		this.running = true;
		this.links.forEach(MqttLink::connect);
		for (int w = 0; w < this.links.size(); w++) {
			List<DeviceModel> share = new ArrayList<>();
			for (int d = w; d < this.devices.size(); d += this.links.size()) {
				share.add(this.devices.get(d));
			}
			if (share.isEmpty()) {
				continue;
			}
			MqttLink link = this.links.get(w);
			Thread worker = new Thread(() -> work(link, share), "sim-" + this.simulation.id() + "-load-" + w);
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	private void work(MqttLink link, List<DeviceModel> share) {
		awaitConnection(link);
		announce(link, share, true);
		int n = share.size();
		long start = System.nanoTime();
		long next = start;
		long m = 0;
		while (this.running) {
			Settings settings = this.simulation.settings();
			long interval = Math.max(1, settings.period().toNanos() / n);
			long now = System.nanoTime();
			if (now < next) {
				LockSupport.parkNanos(Math.min(next - now, 1_000_000));
				continue;
			}
			if (now - next > MAX_DEBT_NANOS) {
				this.skipped.addAndGet((now - next) / interval);
				next = now;
			}
			DeviceModel device = share.get((int) (m % n));
			long k = m / n;
			Instant at = this.simulation.origin().plusNanos(next - start).truncatedTo(ChronoUnit.MILLIS);
			publish(link, device, settings, at, k);
			m++;
			next += interval;
			if ((m & 1023) == 0) {
				this.simulation.progress(Duration.between(this.simulation.origin(), at));
			}
		}
	}

	private void publish(MqttLink link, DeviceModel device, Settings settings, Instant at, long k) {
		Moment moment = this.simulation.momentOf(at, settings);
		Moment previous = (k > 0) ? this.simulation.momentOf(at.minus(settings.period()), settings) : null;
		Sample sample = device.sample(settings.scenario(), moment, previous, k);
		for (var event : sample.events()) {
			offer(link, this.payloads.event(event));
		}
		if (sample.reading() != null) {
			offer(link, this.payloads.measurement(sample.reading(), settings.format(), settings.qos()));
		}
	}

	private void offer(MqttLink link, OutboundMessage message) {
		while (this.running && !link.publish(message)) {
			LockSupport.parkNanos(50_000);
		}
	}

	private void awaitConnection(MqttLink link) {
		while (this.running && !link.isConnected()) {
			LockSupport.parkNanos(10_000_000);
		}
	}

	private void announce(MqttLink link, List<DeviceModel> share, boolean online) {
		long deadline = System.nanoTime() + STATUS_TIMEOUT_NANOS;
		Moment now = this.simulation.moment(this.simulation.origin().plus(this.simulation.latest()));
		for (DeviceModel device : share) {
			OutboundMessage status = this.payloads.status(device.status(now, online));
			while (!link.publish(status) && link.isConnected() && System.nanoTime() < deadline) {
				LockSupport.parkNanos(50_000);
			}
			if (System.nanoTime() >= deadline) {
				return;
			}
		}
	}

	@Override
	public void changed(Settings before, Settings after) {
		// Workers read the settings for every message.
	}

	@Override
	public void stop() {
		this.running = false;
		for (Thread worker : this.workers) {
			try {
				worker.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (int w = 0; w < this.links.size(); w++) {
			List<DeviceModel> share = new ArrayList<>();
			for (int d = w; d < this.devices.size(); d += this.links.size()) {
				share.add(this.devices.get(d));
			}
			MqttLink link = this.links.get(w);
			if (link.isConnected()) {
				announce(link, share, false);
			}
			link.close(null);
		}
	}

	@Override
	public int connected() {
		return (int) this.links.stream().filter(MqttLink::isConnected).count();
	}

	@Override
	public int connections() {
		return this.links.size();
	}

	long skipped() {
		return this.skipped.get();
	}

}
