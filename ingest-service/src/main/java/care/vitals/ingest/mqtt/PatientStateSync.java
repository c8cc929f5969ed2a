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

	private final CountDownLatch synced = new CountDownLatch(1);

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
		if (!(event.getSource() instanceof PatientStateAdapter)) {
			return;
		}
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

	/**
	 * A message on the sync topic arrived.
	 * @return whether it completed the synchronisation just now
	 */
	boolean arrived(byte[] payload) {
		if (Arrays.equals(payload, this.token) && this.synced.getCount() > 0) {
			this.synced.countDown();
			return true;
		}
		return false;
	}

	/**
	 * Waits until the retained patient state has arrived.
	 * @param timeout how long to wait
	 * @return whether it did
	 */
	boolean await(Duration timeout) {
		try {
			return this.synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	boolean isSynced() {
		return this.synced.getCount() == 0;
	}

}
