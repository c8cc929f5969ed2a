package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import care.vitals.testsupport.MosquittoServer;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.internal.CommsCallback;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paho's callback thread is fed through our copy of its {@code CommsCallback} (Paho
 * 1.2.5's, with an inbound queue of 100 messages instead of 10, and the receiver woken
 * only once the queue is down to half, not after every message): it is the class loaded,
 * it was taken from the Paho on the class path, and a consumer slower than the broker
 * still gets every message once and in order while that queue fills and drains again and
 * again.
 */
class PahoCallbackQueueIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@Test
	void oursIsTheOneLoadedAndItIsACopyOfThePahoOnTheClassPath() throws Exception {
		PahoCopies.assertCopiedFromThePahoOnTheClassPath(CommsCallback.class);
	}

	@Test
	void aConsumerSlowerThanTheBrokerGetsEveryMessageOnceAndInOrder() throws Exception {
		int count = 3000;
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicInteger deepest = new AtomicInteger();
		MqttClient subscriber = new MqttClient(mosquitto.url(), "slow-sub", new MemoryPersistence());
		MqttConnectionOptions options = MqttConfiguration.connectionOptions(properties(mosquitto.url()));
		subscriber.connect(options);
		List<?> queue = inboundQueue(subscriber);
		subscriber.subscribe(new MqttSubscription[] { new MqttSubscription("slow/#", 1) },
				new IMqttMessageListener[] { (topic, message) -> {
					// read on the callback thread, without Paho's lock: a snapshot
					deepest.accumulateAndGet(queue.size(), Math::max);
					received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
					Thread.sleep(0, 500_000);
				} });
		MqttAsyncClient publisher = new MqttAsyncClient(mosquitto.url(), "slow-pub", new MemoryPersistence());
		publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sent.add("m" + i);
			IMqttToken token = publisher.publish("slow/" + (i % 7),
					new MqttMessage(sent.get(i).getBytes(StandardCharsets.UTF_8), 1, false,
							new org.eclipse.paho.mqttv5.common.packet.MqttProperties()));
			if (i % 100 == 99) {
				token.waitForCompletion(10_000);
			}
		}
		await().alias("every message").atMost(Duration.ofSeconds(60)).until(() -> received.size() >= count);
		Thread.sleep(500);
		assertThat(received).as("every message once, in the order published").isEqualTo(sent);
		assertThat(deepest.get()).as("messages waiting for the callback thread at the deepest: past Paho's 10")
			.isGreaterThan(10)
			.isLessThanOrEqualTo(100);
		publisher.disconnect().waitForCompletion(10_000);
		publisher.close();
		subscriber.disconnect();
		subscriber.close();
	}

	private static List<?> inboundQueue(MqttClient client) {
		Object async = ReflectionTestUtils.getField(client, "aClient");
		Object comms = ReflectionTestUtils.getField(async, "comms");
		Object callback = ReflectionTestUtils.getField(comms, "callback");
		return (List<?>) ReflectionTestUtils.getField(callback, "messageQueue");
	}

	private static MqttProperties properties(String url) {
		return new MqttProperties(url, "slow-sub", null, null, "ingest", Duration.ofMinutes(1), Duration.ofSeconds(30),
				65535, Duration.ofSeconds(5), Duration.ofSeconds(10), null);
	}

}
