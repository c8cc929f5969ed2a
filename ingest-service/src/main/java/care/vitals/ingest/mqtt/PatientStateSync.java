package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import care.vitals.model.topic.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.integration.mqtt.event.MqttSubscribedEvent;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * Tells when the retained patient state has arrived. MQTT has no "end of retained
 * messages"; but a broker sends a subscription's retained messages while it handles the
 * SUBSCRIBE, and delivers one session's messages in order, so a marker published to a
 * topic the state session subscribes to, after its SUBACK, arrives after all of them (and
 * after the session's queued backlog). The marker carries a token of this process and
 * goes to {@code ingest/sync/<clientId>}.
 */
@Component
class PatientStateSync {

	private static final Log logger = LogFactory.getLog(PatientStateSync.class);

	private final byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);

	/** Quiet time after the marker before the state counts as complete. */
	static final Duration QUIET = Duration.ofMillis(1000);

	private final CountDownLatch marker = new CountDownLatch(1);

	private volatile boolean synced;

	private volatile long lastMessageNanos = System.nanoTime();

	private final MessageChannel out;

	private final String topic;

	PatientStateSync(@Qualifier("mqttOut") MessageChannel out, MqttProperties properties) {
		this.out = out;
		this.topic = Topics.sync(properties.clientId());
	}

	String topic() {
		return this.topic;
	}

	@EventListener
	void subscribed(MqttSubscribedEvent event) {
		if (event.getSource() instanceof PatientStateAdapter) {
			resend();
		}
	}

	/** Publishes the marker (again). */
	void resend() {
		try {
			this.out.send(MessageBuilder.withPayload(this.token.clone())
				.setHeader(MqttHeaders.TOPIC, this.topic)
				.setHeader(MqttHeaders.QOS, 1)
				.setHeader(MqttHeaders.RETAINED, false)
				.build());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not publish the patient state marker on " + this.topic, ex);
		}
	}

	/** Any message arrived on the state session. */
	void touch() {
		this.lastMessageNanos = System.nanoTime();
	}

	/** A message on the sync topic arrived. */
	void arrived(byte[] payload) {
		if (Arrays.equals(payload, this.token)) {
			this.marker.countDown();
		}
	}

	/**
	 * Waits until the retained patient state has arrived: the marker, then {@link #QUIET}
	 * without any state message (EMQX's retainer dispatches retained messages from a
	 * worker pool, so on EMQX a marker can overtake the last of them; Mosquitto keeps the
	 * order).
	 * @param timeout how long to wait in all
	 * @return whether it did; from then on {@link #isSynced()}
	 */
	boolean await(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			if (!this.marker.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return false;
			}
			while (System.nanoTime() - this.lastMessageNanos < QUIET.toNanos()) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(50);
			}
			this.synced = true;
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	boolean isSynced() {
		return this.synced;
	}

}
