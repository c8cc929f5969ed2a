package care.vitals.ingest.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An alarm storm as a ward lives it, with real Mosquitto, real InfluxDB 1.x and the real
 * ingest: the network to {@value #SILENT} monitors fails, and once the no-data timeout
 * has passed every one of their beds gets a no-data alarm (medium) in the same second.
 * While those {@value #SILENT} alarm lists go out, a patient elsewhere desaturates: her
 * high-priority alarm reaches the nurse-call display ahead of the storm, not behind it.
 */
class AlarmStormIntegrationTests {

	static final int SILENT = 600;

	static final String WARD = "ward-storm";

	/** Silent monitors in the test whose broker restarts. */
	static final int RESTARTED = 300;

	static final int NO_DATA_SECONDS = 10;

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void aHighPriorityAlarmOvertakesAStormOfNoDataAlarms() throws Exception {
		influx.createDatabase("storm");
		Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		CountDownLatch stormBegan = new CountDownLatch(1);
		try (RunningIngest ingest = RunningIngest.start(withShortNoDataTimeout("ingest-storm", "storm"));
				TestDevice monitor = new TestDevice(mosquitto.url(), "mon-urgent");
				BedDisplay display = BedDisplay.watch(mosquitto.url(), WARD + "/#", began(stormBegan))) {
			AdminApi api = new AdminApi(ingest);
			api.admit("mon-urgent", "p-urgent", WARD, "urgent", base.minusSeconds(60));
			assertThat(api.call("PUT", "/api/patients/p-urgent/thresholds/spo2", "{\"delaySeconds\":0}", true)
				.statusCode()).isEqualTo(200);
			// the urgent patient's monitor keeps sending, in real time, until the storm
			AtomicInteger seq = new AtomicInteger();
			Thread heartbeat = new Thread(() -> {
				while (!awaitQuietly(stormBegan, 1000)) {
					monitor.publishMeasurement(reading(Instant.now(), seq.getAndIncrement(), 97), "application/json");
				}
			});
			heartbeat.start();
			admitSilentMonitors(WARD, SILENT);
			// after the no-data timeout, one tick raises a no-data alarm on every silent
			// bed;
			// as the first of their lists arrives, the urgent patient desaturates
			assertThat(stormBegan.await(60, TimeUnit.SECONDS)).as("the storm").isTrue();
			heartbeat.join();
			long desaturated = System.nanoTime();
			monitor.publishMeasurement(reading(Instant.now(), seq.get(), 80), "application/json");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> noDataLists(display.lists()) == SILENT && urgentAt(display.lists()) >= 0);
			List<BedDisplay.Arrival> arrivals = display.arrivals();
			List<AlarmList> arrived = display.lists();
			int urgent = urgentAt(arrived);
			int reading = 0;
			while (arrivals.get(reading).nanoTime() < desaturated) {
				reading++;
			}
			int between = noDataLists(arrived.subList(reading, urgent));
			int after = noDataLists(arrived.subList(urgent + 1, arrived.size()));
			long firstOfStorm = arrivals.stream()
				.filter((arrival) -> isNoData(arrival.list()))
				.findFirst()
				.orElseThrow()
				.nanoTime();
			System.out.printf(
					"alarm storm: the high-priority list arrived %d ms after the reading; %d no-data lists arrived"
							+ " in between, %d after it; the storm took %d ms from its first list to its last%n",
					(arrivals.get(urgent).nanoTime() - desaturated) / 1_000_000, between, after,
					(arrivals.get(arrivals.size() - 1).nanoTime() - firstOfStorm) / 1_000_000);
			assertThat(after).as("the storm was still going out when the high-priority list did").isGreaterThan(100);
			assertThat(between).as("no-data lists that went out between the reading and its high-priority list")
				.isLessThanOrEqualTo(after / 4);
			assertThat(influx.count("storm", "SELECT count(state) FROM alarms WHERE kind='no_data' AND state='raised'"))
				.as("every no-data alarm stored")
				.isEqualTo(SILENT);
		}
	}

	/**
	 * The broker restarts while a storm's lists go out: once it is back, every silent bed
	 * has its no-data list on the broker (a list the broker did not take is tried again,
	 * not dropped until the next restatement).
	 */
	@Test
	void everyBedGetsItsListThoughTheBrokerRestartsDuringTheStorm() throws Exception {
		influx.createDatabase("restart");
		String ward = "ward-restart";
		CountDownLatch stormBegan = new CountDownLatch(1);
		try (RunningIngest ingest = RunningIngest.start(withShortNoDataTimeout("ingest-restart", "restart"));
				BedDisplay display = BedDisplay.watch(mosquitto.url(), ward + "/#", began(stormBegan))) {
			admitSilentMonitors(ward, RESTARTED);
			assertThat(stormBegan.await(60, TimeUnit.SECONDS)).as("the storm").isTrue();
			mosquitto.restart();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(retainedNoDataBeds(ward)).as("beds with their no-data list retained")
					.isEqualTo(RESTARTED));
		}
	}

	/**
	 * The ingest with a no-data timeout of {@value #NO_DATA_SECONDS} s: the storm is the
	 * same whatever the timeout; the default minute would only make the test wait.
	 */
	private Map<String, Object> withShortNoDataTimeout(String clientId, String database) {
		Map<String, Object> properties = RunningIngest.v1(mosquitto.url(), clientId, influx.url(), database,
				this.spool);
		properties.put("ingest.clinical.no-data-timeout", NO_DATA_SECONDS + "s");
		return properties;
	}

	/** Opens the latch on the first no-data list. */
	private static Consumer<AlarmList> began(CountDownLatch stormBegan) {
		return (list) -> {
			if (isNoData(list)) {
				stormBegan.countDown();
			}
		};
	}

	/** The beds of the ward whose retained list on the broker holds a no-data alarm. */
	private static int retainedNoDataBeds(String ward) throws Exception {
		try (BedDisplay reader = BedDisplay.watch(mosquitto.url(), ward + "/#")) {
			Thread.sleep(1000);
			return (int) reader.lists()
				.stream()
				.filter(AlarmStormIntegrationTests::isNoData)
				.map(AlarmList::bed)
				.distinct()
				.count();
		}
	}

	/**
	 * Admits the monitors that will stay silent: retained assignments, as an ADT feed.
	 */
	private static void admitSilentMonitors(String ward, int count) throws Exception {
		MqttClient adt = new MqttClient(mosquitto.url(), "adt-" + ward, new MemoryPersistence());
		adt.connect();
		try {
			for (int i = 0; i < count; i++) {
				String assignment = "{\"patient\":\"p-" + ward + "-" + i + "\",\"ward\":\"" + ward + "\",\"bed\":\"s"
						+ i + "\",\"since\":\"" + Instant.now().minusSeconds(60) + "\"}";
				adt.publish("assignments/mon-" + ward + "-" + i,
						new MqttMessage(assignment.getBytes(StandardCharsets.UTF_8), 1, true, null));
			}
		}
		finally {
			adt.disconnect();
			adt.close();
		}
	}

	/** Whether the list is a silent bed's, with its no-data alarm. */
	private static boolean isNoData(AlarmList list) {
		return list.bed().startsWith("s") && list.alarms().stream().anyMatch((alarm) -> alarm.kind().equals("no_data"));
	}

	/** How many silent beds' no-data lists are among these. */
	private static int noDataLists(List<AlarmList> lists) {
		return (int) lists.stream().filter(AlarmStormIntegrationTests::isNoData).count();
	}

	/** Where the urgent bed's high-priority list arrived, or -1. */
	private static int urgentAt(List<AlarmList> lists) {
		for (int i = 0; i < lists.size(); i++) {
			AlarmList list = lists.get(i);
			if (list.bed().equals("urgent")
					&& list.alarms().stream().anyMatch((alarm) -> alarm.priority() == AlarmPriority.HIGH)) {
				return i;
			}
		}
		return -1;
	}

	private static String reading(Instant ts, int seq, double spo2) {
		return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"values\":{\"spo2\":" + spo2
				+ ",\"heart_rate\":80},\"o2\":false}";
	}

	/** Waits up to {@code millis}; returns whether the latch opened. */
	private static boolean awaitQuietly(CountDownLatch latch, long millis) {
		try {
			return latch.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

}
