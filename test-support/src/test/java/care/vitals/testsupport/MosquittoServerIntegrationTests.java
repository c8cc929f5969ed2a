package care.vitals.testsupport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Verifies that the Mosquitto harness runs a real MQTT 5 broker that keeps its port and
 * its persistent sessions across restarts.
 */
class MosquittoServerIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@Test
	void publishesAndDeliversQos1OverMqtt5() throws Exception {
		String topic = "vitals/" + unique();
		try (MqttTestClient subscriber = MqttTestClient.connect(mosquitto.url(), "sub-" + unique());
				MqttTestClient publisher = MqttTestClient.connect(mosquitto.url(), "pub-" + unique())) {
			subscriber.subscribe(topic);
			publisher.publish(topic, "{\"heart_rate\":72}");
			assertThat(subscriber.awaitMessages(1, TIMEOUT)).containsExactly("{\"heart_rate\":72}");
		}
		assertThat(mosquitto.url()).isEqualTo("tcp://127.0.0.1:" + mosquitto.port());
	}

	@Test
	void persistentSessionReceivesMessagesQueuedBeforeARestart() throws Exception {
		String topic = "vitals/" + unique();
		String clientId = "ingest-" + unique();
		int port = mosquitto.port();
		try (MqttTestClient subscriber = MqttTestClient.connectPersistent(mosquitto.url(), clientId)) {
			subscriber.subscribe(topic);
		}
		List<String> sent = IntStream.rangeClosed(1, 5).mapToObj((i) -> "m" + i).toList();
		try (MqttTestClient publisher = MqttTestClient.connect(mosquitto.url(), "pub-" + unique())) {
			for (String payload : sent) {
				publisher.publish(topic, payload);
			}
		}

		mosquitto.restart();

		assertThat(mosquitto.port()).isEqualTo(port);
		try (MqttTestClient subscriber = MqttTestClient.connectPersistent(mosquitto.url(), clientId)) {
			assertThat(subscriber.sessionPresent()).isTrue();
			assertThat(subscriber.awaitMessages(sent.size(), TIMEOUT)).containsExactlyElementsOf(sent);
		}
	}

	@Test
	void killedBrokerStartsAgainOnTheSamePort() throws Exception {
		long oldPid = mosquitto.pid();
		int port = mosquitto.port();

		mosquitto.kill();

		assertThat(mosquitto.isRunning()).isFalse();
		assertThat(OsProcesses.isAlive(oldPid)).isFalse();
		mosquitto.start();
		assertThat(mosquitto.isRunning()).isTrue();
		assertThat(mosquitto.port()).isEqualTo(port);
		publishesAndDeliversQos1OverMqtt5();
	}

	@Test
	void failedStartupReportsTheTailOfTheLog() {
		try (MosquittoServer broken = MosquittoServer.create().withConfigLine("no_such_option 1")) {
			assertThatIllegalStateException().isThrownBy(broken::start)
				.withMessageContaining("mosquitto exited with code")
				.withMessageContaining("no_such_option");
			assertThat(broken.isRunning()).isFalse();
		}
	}

	@Test
	void firstStartMovesToAFreePortWhenItsPortWasTaken() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				MosquittoServer broker = MosquittoServer.create()) {
			broker.usePorts(taken.getLocalPort());

			broker.start();

			assertThat(broker.port()).isNotEqualTo(taken.getLocalPort());
			assertThat(broker.isRunning()).isTrue();
		}
	}

	@Test
	void restartFailsClearlyWhenItsPortWasTakenMeanwhile() throws Exception {
		try (MosquittoServer broker = MosquittoServer.create()) {
			broker.start();
			int port = broker.port();
			broker.stop();
			try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThatIllegalStateException().isThrownBy(broker::start)
					.withMessageContaining("port " + port)
					.withMessageContaining("Address already in use");
			}
			broker.start();
			assertThat(broker.port()).isEqualTo(port);
		}
	}

	/**
	 * Verifies that a {@code @Nested} class, which inherits the extension, does not close
	 * the broker of the outer class when it finishes.
	 */
	@Nested
	class FirstNested {

		@Test
		void brokerIsRunning() {
			assertThat(mosquitto.isRunning()).isTrue();
		}

	}

	@Nested
	class SecondNested {

		@Test
		void brokerIsStillRunning() {
			assertThat(mosquitto.isRunning()).isTrue();
		}

	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
