package care.vitals.ingest.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoPersistence;
import care.vitals.testsupport.MosquittoPersistence.State;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest declares its in-flight window to the broker (MQTT 5 Receive Maximum, 4,096
 * by default, the deployment's sizing) and the broker keeps to it. Mosquitto 2.0 takes an
 * MQTT 5 client's Receive Maximum instead of its own {@code max_inflight_messages}; with
 * the window at 65,535, Mosquitto 2.0.11 was seen holding 800,000 messages as sent and
 * unacknowledged for an ingest that had acknowledged them (several per packet id) and,
 * counting them against its queue limit, dropping new readings (docs/benchmarks.md, sixth
 * round). A ward scenario: the ingest hangs (SIGSTOP: connected, reading and
 * acknowledging nothing) while a monitor sends 6,000 readings; the broker sends it at
 * most 4,096 and queues the rest; the ingest resumes and every reading is stored.
 */
class ReceiveMaximumIntegrationTests {

	private static final String CLIENT_ID = "ingest-window";

	private static final int READINGS = 6000;

	private static final int WINDOW = 4096;

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path dir;

	@Test
	void aHungIngestIsSentNoMoreThanItsWindowAndGetsTheRestAfterwards() throws Exception {
		influx.createDatabase("window");
		Map<String, String> environment = Map.of("MQTT_URL", mosquitto.url(), "MQTT_CLIENT_ID", CLIENT_ID, "INFLUX_API",
				"v1", "INFLUX_URL", influx.url(), "INFLUX_DATABASE", "window", "SPOOL_DIR",
				this.dir.resolve("spool").toString(), "INGEST_ADMIN_USERNAME", "admin", "INGEST_ADMIN_PASSWORD",
				"a-long-random-password");
		Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		try (IngestProcess ingest = new IngestProcess(environment, this.dir.resolve("ingest.log"));
				TestDevice device = new TestDevice(mosquitto.url(), "window-dev")) {
			ingest.start();
			ingest.suspend();
			try {
				for (int seq = 0; seq < READINGS; seq++) {
					device.publishMeasurement(TestDevice.compact(seq, base), "application/json");
				}
				// the broker saves its state every second
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					Map<State, Integer> held = MosquittoPersistence.outgoing(mosquitto, CLIENT_ID);
					assertThat(held.get(State.IN_FLIGHT) + held.get(State.QUEUED) + held.get(State.OTHER))
						.isEqualTo(READINGS);
				});
				Map<State, Integer> held = MosquittoPersistence.outgoing(mosquitto, CLIENT_ID);
				assertThat(held.get(State.IN_FLIGHT)).isPositive().isLessThanOrEqualTo(WINDOW);
				assertThat(held.get(State.QUEUED)).isGreaterThanOrEqualTo(READINGS - WINDOW);
			}
			finally {
				ingest.resume();
			}
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(
						influx.count("window", "SELECT count(heart_rate) FROM vitals WHERE device='window-dev'"))
					.isEqualTo(READINGS));
		}
	}

}
