package care.vitals.publisher.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * The publisher's own connection with the service account: publishes the retained patient
 * assignments and tells the health endpoint whether the broker is reachable.
 * <p>
 * Retained messages are state, so none may be lost while the broker is away: a message
 * that cannot be published now is kept (the latest per topic) and retried every second.
 */
public final class ControlConnection implements SmartLifecycle {

	private final MqttLink link;

	private final ScheduledExecutorService scheduler;

	private final Map<String, OutboundMessage> pending = new ConcurrentHashMap<>();

	private volatile ScheduledFuture<?> flusher;

	private volatile boolean running;

	ControlConnection(MqttProperties properties, ScheduledExecutorService scheduler) {
		this(PahoLink.create(LinkSettings.of(properties, properties.url(), properties.clientId(),
				properties.serviceAccount(), null, 10_000), new PublishCounters(), scheduler), scheduler);
	}

	/**
	 * Creates a control connection over a given link.
	 * @param link the link
	 * @param scheduler the scheduler of the retry task
	 */
	public ControlConnection(MqttLink link, ScheduledExecutorService scheduler) {
		this.link = link;
		this.scheduler = scheduler;
	}

	/**
	 * Publishes a retained message, or keeps it until the broker is back.
	 * @param message the message (should be retained, QoS 1)
	 */
	public void publishRetained(OutboundMessage message) {
		this.pending.remove(message.topic());
		if (!this.link.publish(message)) {
			this.pending.put(message.topic(), message);
		}
	}

	/**
	 * Tells whether the broker connection is up.
	 * @return {@code true} if connected
	 */
	public boolean isConnected() {
		return this.link.isConnected();
	}

	/**
	 * Returns how many retained messages wait for the broker.
	 * @return the count
	 */
	public int pendingCount() {
		return this.pending.size();
	}

	/**
	 * Waits until the pending messages are handed over and in flight ones complete.
	 * @param timeoutMillis how long to wait at most
	 */
	public void drain(long timeoutMillis) {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while ((!this.pending.isEmpty() || this.link.inFlight() > 0) && System.currentTimeMillis() < deadline) {
			flush();
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void flush() {
		for (OutboundMessage message : this.pending.values()) {
			if (this.link.publish(message)) {
				this.pending.remove(message.topic(), message);
			}
		}
	}

	@Override
	public void start() {
		this.link.connect();
		this.flusher = this.scheduler.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledFuture<?> task = this.flusher;
		if (task != null) {
			task.cancel(false);
		}
		drain(3000);
		this.link.close(null);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before and stops after the simulations, which publish through it.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2048;
	}

}
