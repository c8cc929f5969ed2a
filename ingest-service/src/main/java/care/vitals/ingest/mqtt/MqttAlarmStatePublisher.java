package care.vitals.ingest.mqtt;

import java.time.Duration;

import care.vitals.ingest.clinical.AlarmStatePublisher;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.topic.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * Publishes a bed's current alarm list, retained, on {@code alarms/{ward}/{bed}}, so a
 * display that connects later gets the current state at once. An empty list clears it.
 * <p>
 * The lists wait in {@link PendingAlarmLists} (the newest per bed, the most urgent first)
 * and one thread, {@code alarm-lists}, publishes them one at a time and waits for the
 * broker's acknowledgement of each, so the caller (the evaluating thread, the clinical
 * clock) never waits for the broker. A list the broker does not take is tried again after
 * {@value #RETRY_MILLIS} ms, unless a newer list of its bed replaced it.
 */
@Component
class MqttAlarmStatePublisher implements AlarmStatePublisher, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MqttAlarmStatePublisher.class);

	static final long RETRY_MILLIS = 1000;

	static final long DRAIN_MILLIS = 2000;

	private final AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());

	private final PendingAlarmLists pending = new PendingAlarmLists();

	private final MessageChannel out;

	private volatile Thread thread;

	MqttAlarmStatePublisher(@Qualifier("mqttOut") MessageChannel out, MeterRegistry registry) {
		this.out = out;
		Gauge.builder("ingest.alarm.lists.pending", this.pending, PendingAlarmLists::size)
			.description("Beds whose newest alarm list waits for the broker")
			.register(registry);
	}

	@Override
	public void publish(AlarmList list) {
		this.pending.offer(list);
	}

	@Override
	public void start() {
		Thread publisher = new Thread(this::run, "alarm-lists");
		publisher.setDaemon(true);
		this.thread = publisher;
		publisher.start();
	}

	/**
	 * Gives the lists still waiting up to {@value #DRAIN_MILLIS} ms to reach the broker,
	 * then ends the thread.
	 */
	@Override
	public void stop() {
		long deadline = System.nanoTime() + Duration.ofMillis(DRAIN_MILLIS).toNanos();
		while (this.pending.size() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		Thread publisher = this.thread;
		this.thread = null;
		if (publisher != null) {
			publisher.interrupt();
			try {
				publisher.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	/**
	 * Before the clinical intake (which stops after the inbound adapters), so what it
	 * evaluates while it drains is published.
	 */
	@Override
	public int getPhase() {
		return MqttConfiguration.INBOUND_PHASE - 2;
	}

	/** Until {@link #stop()}: an interrupt alone may be swallowed by a publication. */
	private void run() {
		boolean failing = false;
		while (this.thread == Thread.currentThread()) {
			try {
				PendingAlarmLists.Waiting next = this.pending.take();
				if (send(next.list())) {
					if (failing) {
						logger.info("Alarm lists are published again");
					}
					failing = false;
					continue;
				}
				if (!failing) {
					logger.warn("Alarm list of " + next.list().ward() + "/" + next.list().bed()
							+ " not published; retrying every " + RETRY_MILLIS + " ms");
				}
				failing = true;
				this.pending.retry(next);
				Thread.sleep(RETRY_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private boolean send(AlarmList list) {
		try {
			this.out.send(MessageBuilder.withPayload(this.codec.encode(list))
				.setHeader(MqttHeaders.TOPIC, Topics.alarms(list.ward(), list.bed()))
				.setHeader(MqttHeaders.QOS, 1)
				.setHeader(MqttHeaders.RETAINED, true)
				.build());
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Alarm list not published: " + ex.getMessage());
			return false;
		}
	}

}
