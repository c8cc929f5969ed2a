package care.vitals.ingest.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import care.vitals.testsupport.MosquittoServer;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ingest's {@code tcp://} connections read through {@link BufferedSocketFactory}, and
 * Paho receives every packet through it intact and in order, whatever its size (a packet
 * split across buffer fills, several packets in one fill), and every acknowledgement it
 * sends reaches the broker through the gathering output; TLS connections keep Paho's own
 * sockets.
 */
class BufferedSocketIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@Test
	void plainConnectionsAreBufferedAndTlsOnesAreNot() {
		assertThat(MqttConfiguration.connectionOptions(properties("tcp://localhost:1883")).getSocketFactory())
			.isInstanceOf(BufferedSocketFactory.class);
		assertThat(MqttConfiguration.connectionOptions(properties("ssl://localhost:8883")).getSocketFactory()).isNull();
	}

	@Test
	void pahoReceivesEveryPacketIntactAndInOrderThroughTheBuffer() throws Exception {
		List<byte[]> received = new CopyOnWriteArrayList<>();
		MqttClient subscriber = new MqttClient(mosquitto.url(), "buffered-sub", new MemoryPersistence());
		MqttConnectionOptions options = MqttConfiguration.connectionOptions(properties(mosquitto.url()));
		options.setCleanStart(true);
		subscriber.connect(options);
		subscriber.subscribe(new MqttSubscription[] { new MqttSubscription("buffered/#", 1) },
				new IMqttMessageListener[] { (topic, message) -> received.add(message.getPayload()) });
		MqttAsyncClient publisher = new MqttAsyncClient(mosquitto.url(), "buffered-pub", new MemoryPersistence());
		MqttConnectionOptions plain = new MqttConnectionOptions();
		publisher.connect(plain).waitForCompletion(10_000);
		int count = 3000;
		IMqttToken last = null;
		for (int i = 0; i < count; i++) {
			last = publisher.publish("buffered/" + i,
					new MqttMessage(payload(i), 1, false, new org.eclipse.paho.mqttv5.common.packet.MqttProperties()));
			if (i % 50 == 49) {
				last.waitForCompletion(10_000);
			}
		}
		last.waitForCompletion(10_000);
		await().alias("every message").atMost(Duration.ofSeconds(30)).until(() -> received.size() >= count);
		assertThat(received).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(received.get(i)).as("message %d", i).isEqualTo(payload(i));
		}
		publisher.disconnect().waitForCompletion(10_000);
		subscriber.disconnect();
		publisher.close();
		subscriber.close();
	}

	/**
	 * Every acknowledgement reaches the broker through the gathering output, the last
	 * ones too when the client disconnects right after: reconnected to its session, it is
	 * sent nothing again.
	 */
	@Test
	void everyAcknowledgementReachesTheBrokerThroughTheGatheringOutput() throws Exception {
		List<String> received = new CopyOnWriteArrayList<>();
		MqttConnectionOptions options = MqttConfiguration.connectionOptions(properties(mosquitto.url()));
		MqttClient subscriber = new MqttClient(mosquitto.url(), "gathered-acks", new MemoryPersistence());
		subscriber.connect(options);
		subscriber.subscribe(new MqttSubscription[] { new MqttSubscription("gathered/#", 1) },
				new IMqttMessageListener[] { (topic, message) -> received.add(topic) });
		MqttAsyncClient publisher = new MqttAsyncClient(mosquitto.url(), "gathered-pub", new MemoryPersistence());
		publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
		int count = 2000;
		for (int i = 0; i < count; i++) {
			IMqttToken token = publisher.publish("gathered/" + i,
					new MqttMessage(payload(i), 1, false, new org.eclipse.paho.mqttv5.common.packet.MqttProperties()));
			if (i % 50 == 49) {
				token.waitForCompletion(10_000);
			}
		}
		await().alias("every message").atMost(Duration.ofSeconds(30)).until(() -> received.size() >= count);
		subscriber.disconnect();
		// the same client, its listener kept (no clean start): whatever the broker sends
		// again after reconnecting lands in the same list
		subscriber.connect(options);
		Thread.sleep(2000);
		assertThat(received).as("messages, with those the broker sent again (acknowledgements it never got)")
			.hasSize(count);
		subscriber.disconnect();
		subscriber.close();
		publisher.disconnect().waitForCompletion(10_000);
		publisher.close();
	}

	@Test
	void closingTheSocketSendsWhatIsGatheredFirst() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new BufferedSocketFactory(Duration.ofSeconds(30).toNanos())
					.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
				Socket peer = server.accept()) {
			peer.setSoTimeout(5000);
			client.getOutputStream().write(1);
			client.getOutputStream().flush();
			assertThat(peer.getInputStream().read()).as("a quiet connection's packet, at once").isEqualTo(1);
			client.getOutputStream().write(2);
			// within the (long) linger of the first: gathered, not sent
			client.getOutputStream().flush();
			client.getOutputStream().write(3);
			client.close();
			assertThat(peer.getInputStream().readAllBytes()).containsExactly(2, 3);
		}
	}

	/**
	 * A broker that no longer reads: a write blocks once the socket's buffers are full,
	 * and closing the socket (what Paho does when the keep-alive fails) still returns,
	 * and ends that write.
	 */
	@Test
	void closingReturnsAndEndsAWriteStuckOnAPeerThatNoLongerReads() throws Exception {
		ExecutorService writer = Executors.newSingleThreadExecutor();
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new BufferedSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
						server.getLocalPort());
				Socket peer = server.accept()) {
			AtomicLong written = new AtomicLong();
			Future<?> writing = writer.submit(() -> {
				byte[] chunk = new byte[64 * 1024];
				while (true) {
					client.getOutputStream().write(chunk);
					written.addAndGet(chunk.length);
				}
			});
			await().alias("a write blocked on the full socket")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(new Stalled(written));
			// on a thread of its own: a close that hangs fails here (and the peer's close
			// at
			// the end of this block releases it)
			FutureTask<Void> closing = new FutureTask<>(() -> {
				client.close();
				return null;
			});
			Thread closer = new Thread(closing, "test-close");
			closer.setDaemon(true);
			closer.start();
			closing.get(5, TimeUnit.SECONDS);
			assertThatThrownBy(() -> writing.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
			assertThat(peer.isClosed()).isFalse();
		}
		finally {
			writer.shutdownNow();
		}
	}

	@Test
	void theBufferAnswersAvailableFromWhatItHoldsAndTimesOutLikeTheSocket() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new BufferedSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
						server.getLocalPort());
				Socket peer = server.accept()) {
			client.setSoTimeout(200);
			peer.getOutputStream().write(new byte[] { 1, 2, 3 });
			assertThat(client.getInputStream()).isSameAs(client.getInputStream());
			assertThat(client.getInputStream().read()).isEqualTo(1);
			assertThat(client.getInputStream().available()).isEqualTo(2);
			assertThat(client.getInputStream().read(new byte[10], 0, 10)).isEqualTo(2);
			try {
				client.getInputStream().read();
				throw new AssertionError("read without data returned");
			}
			catch (java.net.SocketTimeoutException expected) {
				// as the socket itself: the next read goes on where this one stopped
			}
			peer.getOutputStream().write(4);
			assertThat(client.getInputStream().read()).isEqualTo(4);
		}
	}

	private static byte[] payload(int i) {
		// 1 byte to 70 KB: some packets span several fills of the 64 KiB buffer
		int size = (i % 100 == 0) ? 70_000 : 1 + (i * 37) % 900;
		byte[] payload = new byte[size];
		for (int b = 0; b < size; b++) {
			payload[b] = (byte) (i + b);
		}
		return payload;
	}

	/** True once a counter has not moved since the last call. */
	private static final class Stalled implements Callable<Boolean> {

		private final AtomicLong counter;

		private long last = -1;

		Stalled(AtomicLong counter) {
			this.counter = counter;
		}

		@Override
		public Boolean call() {
			long now = this.counter.get();
			boolean stalled = now > 0 && now == this.last;
			this.last = now;
			return stalled;
		}

	}

	private static MqttProperties properties(String url) {
		return new MqttProperties(url, "buffered-sub", null, null, "ingest", Duration.ofMinutes(1),
				Duration.ofSeconds(30), 65535, Duration.ofSeconds(5), Duration.ofSeconds(10), null);
	}

}
