package care.vitals.ingest.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that bad input of every kind is dead-lettered with the right reason, kept in
 * the {@code rejected} measurement and republished on {@code ingest/rejected/{reason}},
 * that nothing in it can create series, tags, fields or measurements, and that the
 * service stays UP.
 */
class DeadLetterIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	private final Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

	/** Line-protocol metacharacters: comma, equals, space, quote, newline, backslash. */
	private static final String META = "a,b=c d\\\"e\\nf\\\\g";

	@Test
	void deadLettersEveryBadInputWithItsReasonAndStaysUp() throws Exception {
		influx.createDatabase("bad");
		String now = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
		String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
		Map<String, String> corpus = new LinkedHashMap<>();
		corpus.put("{\"values\":", "malformed_json");
		corpus.put("{\"values\":{\"heart_rate\":NaN}}", "malformed_json");
		corpus.put("{\"values\":{\"heart_rate\":Infinity}}", "malformed_json");
		corpus.put("{\"values\":{\"heart_rate\":1}} trailing", "malformed_json");
		corpus.put("{\"values\":{\"heart_rate\":[[[[[[[[[[[[1]]]]]]]]]]]]}}", "malformed_json");
		corpus.put("{\"values\":{\"heart_rate\":\"72\"}}", "wrong_type");
		corpus.put("{\"values\":{\"heart_rate\":true}}", "wrong_type");
		corpus.put("{\"ts\":\"" + now + "\",\"values\":{\"heart_rate\":1e999}}", "implausible_value");
		corpus.put("{\"ts\":\"" + now + "\",\"values\":{\"spo2\":130}}", "implausible_value");
		corpus.put("{\"seq\":1,\"values\":{\"heart_rate\":72}}", "missing_device_time");
		corpus.put("[{\"n\":\"heart_rate\",\"v\":72,\"t\":-1}]", "missing_device_time");
		corpus.put("{\"values\":{\"blood_alcohol\":0.1}}", "unknown_parameter");
		corpus.put("{\"values\":{\"" + META + "\":1}}", "unknown_parameter");
		corpus.put("{\"values\":{\"heart_rate\":null}}", "missing_value");
		corpus.put("{\"ts\":\"" + future + "\",\"values\":{\"heart_rate\":72}}", "timestamp_out_of_bounds");
		corpus.put("{\"values\":{\"heart_rate\":72},\"consciousness\":\"" + META + "\"}", "invalid_field");
		corpus.put("[{\"bt\":" + Instant.now().getEpochSecond() + ",\"n\":\"heart_rate\",\"u\":\"mmol/L\",\"v\":72}]",
				"unsupported_unit");
		corpus.put("[{\"n\":\"heart_rate\",\"v\":72,\"vs\":\"x\"}]", "invalid_senml");
		corpus.put("[{\"n\":\"heart_rate\",\"v\":72,\"x_\":1}]", "invalid_senml");
		corpus.put("[" + "{\"n\":\"heart_rate\",\"v\":72},".repeat(1000) + "{\"n\":\"spo2\",\"v\":97}]",
				"too_many_records");
		corpus.put("{\"pad\":\"" + "x".repeat(70_000) + "\",\"values\":{\"heart_rate\":72}}", "payload_too_large");
		Map<String, String> badEvents = new LinkedHashMap<>();
		badEvents.put("{\"kind\":\"" + "k".repeat(32) + "\",\"ts\":\"" + now + "\"}", "unknown_event_kind");
		badEvents.put("{\"kind\":\"button\"}", "missing_device_time");
		Map<String, String> badTopics = new LinkedHashMap<>();
		for (String id : List.of("a,b", "a=b", "a b", "a\"b", "a\\b", "x".repeat(65), "ä")) {
			badTopics.put("devices/" + id + "/measurements", "invalid_device_id");
		}

		List<String> republished = new CopyOnWriteArrayList<>();
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-bad", influx.url(), "bad", this.spool));
				TestDevice device = new TestDevice(mosquitto.url(), "bad-dev")) {
			MqttClient watcher = new MqttClient(mosquitto.url(), "watcher", new MemoryPersistence());
			watcher.connect();
			// Paho 1.2.5's subscribe(String, int, listener) recurses forever: use the
			// array form.
			IMqttMessageListener listener = (topic, message) -> republished
				.add(topic.substring("ingest/rejected/".length()));
			watcher.subscribe(new MqttSubscription[] { new MqttSubscription("ingest/rejected/+", 1) },
					new IMqttMessageListener[] { listener });

			corpus.forEach((payload, reason) -> device.publishMeasurement(payload, null));
			badEvents.forEach((payload, reason) -> device.publish("devices/bad-dev/events", bytes(payload), null));
			badTopics
				.forEach((topic, reason) -> device.publish(topic, bytes("{\"values\":{\"heart_rate\":72}}"), null));
			// Bad strings that are legal where they land must be stored safely, not
			// rejected: an event's free-text details.
			device.publish("devices/bad-dev/events",
					bytes("{\"kind\":\"error\",\"ts\":\"" + now + "\",\"details\":{\"message\":\"" + META + "\"}}"),
					null);
			device.publishMeasurement("{\"ts\":\"" + now + "\",\"values\":{\"heart_rate\":72}}", null);

			Map<String, Long> expected = new LinkedHashMap<>();
			corpus.values().forEach((reason) -> expected.merge(reason, 1L, Long::sum));
			badEvents.values().forEach((reason) -> expected.merge(reason, 1L, Long::sum));
			badTopics.values().forEach((reason) -> expected.merge(reason, 1L, Long::sum));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (Map.Entry<String, Long> entry : expected.entrySet()) {
					assertThat(influx.count("bad",
							"SELECT count(size) FROM rejected WHERE reason='" + entry.getKey() + "'"))
						.as(entry.getKey())
						.isEqualTo(entry.getValue());
				}
				assertThat(influx.count("bad", "SELECT count(heart_rate) FROM vitals")).isEqualTo(1);
				assertThat(influx.count("bad", "SELECT count(message) FROM device_events")).isEqualTo(1);
			});
			long total = expected.values().stream().mapToLong(Long::longValue).sum();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(republished).hasSize((int) total));
			expected.forEach((reason, count) -> assertThat(republished.stream().filter(reason::equals).count())
				.as("republished " + reason)
				.isEqualTo(count));
			watcher.disconnect();
			watcher.close();

			assertThat(influx.query("bad", "SHOW MEASUREMENTS"))
				.contains("\"values\":[[\"device_events\"],[\"rejected\"],[\"vitals\"]]");
			assertThat(influx.query("bad", "SHOW TAG KEYS FROM vitals")).contains("device", "patient")
				.doesNotContain("b=c", "\"a\"");
			assertThat(influx.query("bad", "SHOW TAG KEYS FROM rejected")).contains("reason", "device")
				.doesNotContain("b=c");
			assertThat(influx.query("bad", "SHOW FIELD KEYS FROM vitals")).doesNotContain("blood_alcohol", "b=c");
			assertThat(influx.query("bad", "SHOW SERIES FROM vitals"))
				.contains("vitals,device=bad-dev,patient=unassigned")
				.doesNotContain("a,b");
			assertThat(influx.query("bad", "SELECT message FROM device_events")).contains("a,b=c d");
			assertThat(influx.query("bad", "SHOW TAG VALUES FROM rejected WITH KEY = device")).contains("bad-dev",
					"invalid");

			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/actuator/health"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
		}
	}

	@Test
	void isolatesLinesInfluxDbRefusesAndStoresTheRestOfTheirBatch() throws Exception {
		influx.createDatabase("conflict");
		// glucose is a float in our schema; an integer written first makes InfluxDB
		// refuse
		// every later float glucose value in that shard (HTTP 400, field type conflict).
		influx.write("conflict", "vitals,device=other glucose=1i " + this.base.toEpochMilli() * 1_000_000L);
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-conflict", influx.url(), "conflict", this.spool));
				TestDevice device = new TestDevice(mosquitto.url(), "conflict-dev")) {
			int n = 200;
			for (int seq = 0; seq < n; seq++) {
				String values = (seq % 20 == 0) ? "\"heart_rate\":70,\"glucose\":99.5" : "\"heart_rate\":70";
				device.publishMeasurement("{\"ts\":\"" + this.base.plusMillis(seq + 1) + "\",\"seq\":" + seq
						+ ",\"values\":{" + values + "}}", "application/json");
			}
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(influx.count("conflict", "SELECT count(heart_rate) FROM vitals WHERE device='conflict-dev'"))
					.isEqualTo(n - n / 20);
				assertThat(influx.count("conflict", "SELECT count(size) FROM rejected WHERE reason='influx_rejected'"))
					.isEqualTo(n / 20);
			});
			assertThat(influx.query("conflict", "SELECT detail, payload FROM rejected LIMIT 1"))
				.contains("field type conflict")
				.contains("glucose=99.5");
		}
	}

	/**
	 * Verifies that a status whose time is far outside the window (2300 is beyond the
	 * last nanosecond InfluxDB can store; 1999 beyond any retention) keeps its state: the
	 * status is stored at its receive time and only its {@code ts} is dead-lettered as
	 * {@code timestamp_out_of_bounds}, never a line InfluxDB refuses.
	 */
	@Test
	void keepsAStatusWithATimeOutsideTheWindowAtItsReceiveTimeAndDeadLettersTheTime() throws Exception {
		influx.createDatabase("future");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-future", influx.url(), "future", this.spool));
				TestDevice device = new TestDevice(mosquitto.url(), "future-dev")) {
			Instant before = Instant.now().minusSeconds(1);
			device.publish("devices/future-dev/status",
					bytes("{\"online\":true,\"battery\":41,\"ts\":\"2300-01-01T00:00:00Z\"}"), "application/json");
			device.publish("devices/future-dev/status",
					bytes("{\"online\":false,\"battery\":40,\"ts\":\"1999-01-01T00:00:00Z\"}"), "application/json");
			device.publishMeasurement("{\"ts\":\"" + this.base + "\",\"values\":{\"heart_rate\":70}}",
					"application/json");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(influx.count("future", "SELECT count(heart_rate) FROM vitals WHERE device='future-dev'"))
					.isEqualTo(1);
				assertThat(influx.count("future", "SELECT count(battery) FROM device_status WHERE device='future-dev'"
						+ " AND time >= '" + before + "' AND time < now() + 1m"))
					.isEqualTo(2);
				assertThat(influx.count("future",
						"SELECT count(size) FROM rejected WHERE reason='timestamp_out_of_bounds'"))
					.isEqualTo(2);
			});
			assertThat(influx.count("future", "SELECT count(size) FROM rejected WHERE reason='influx_rejected'"))
				.isZero();
			assertThat(influx.query("future", "SELECT detail FROM rejected")).contains("2300-01-01T00:00:00Z",
					"1999-01-01T00:00:00Z", "kept at its receive time");
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
