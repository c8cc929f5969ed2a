package care.vitals.publisher.simulation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import care.vitals.model.codec.ContentType;
import care.vitals.publisher.device.Payloads;
import care.vitals.publisher.mqtt.ControlConnection;
import care.vitals.publisher.mqtt.DeviceCredentials;
import care.vitals.publisher.mqtt.LinkFactory;
import care.vitals.publisher.mqtt.MqttLink;
import care.vitals.publisher.mqtt.MqttProperties;
import care.vitals.publisher.mqtt.OutboundMessage;
import care.vitals.publisher.mqtt.PublishCounters;
import care.vitals.publisher.physiology.Physiology;

/**
 * A simulation engine for tests: the real service, factory and devices on a virtual
 * ticker and a fixed clock, with either recording links or real ones.
 */
final class TestEngine {

	static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

	static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "test-scheduler");
		thread.setDaemon(true);
		return thread;
	});

	final VirtualTicker ticker;

	final List<OutboundMessage> published = new CopyOnWriteArrayList<>();

	final List<String> log = new CopyOnWriteArrayList<>();

	final List<RecordingLink> links = new CopyOnWriteArrayList<>();

	final SimulationService service;

	private TestEngine(LinkFactory factory, boolean recording, Ticker realTime) {
		this.ticker = (realTime != null) ? null : new VirtualTicker();
		Ticker ticks = (realTime != null) ? realTime : this.ticker;
		SimulationProperties properties = properties();
		ControlConnection control = new ControlConnection(new RecordingLink("control", this.published, this.log),
				SCHEDULER);
		control.start();
		LinkFactory links = recording ? new RecordingLinks(this) : factory;
		this.service = new SimulationService(properties,
				new SimulationFactory(properties, new Physiology(ZoneOffset.UTC), new Payloads(), links, ticks,
						recording ? Runnable::run : TestEngine::inBackground),
				new AssignmentPublisher(control), new SimulationMetrics(new SimpleMeterRegistry()),
				Clock.fixed(START, ZoneOffset.UTC));
	}

	/**
	 * Creates an engine whose links record what they publish and are connected at once.
	 */
	static TestEngine recording() {
		return new TestEngine(null, true, null);
	}

	/**
	 * Creates an engine with real device links from a factory (assignments are recorded).
	 */
	static TestEngine real(LinkFactory factory) {
		return new TestEngine(factory, false, null);
	}

	/**
	 * Creates an engine with real device links and real time.
	 */
	static TestEngine realTime(LinkFactory factory) {
		return new TestEngine(factory, false, new ExecutorTicker(Executors.newScheduledThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, "test-tick");
			thread.setDaemon(true);
			return thread;
		})));
	}

	static LinkFactory links(String url) {
		MqttProperties mqtt = mqtt(url);
		return new LinkFactory(mqtt, DeviceCredentials.load(null, mqtt.serviceAccount()), SCHEDULER);
	}

	private static void inBackground(Runnable task) {
		Thread thread = new Thread(task, "test-connect");
		thread.setDaemon(true);
		thread.start();
	}

	static SimulationProperties properties() {
		return new SimulationProperties("sim-ward", 1.0, 1, ContentType.COMPACT_JSON, 0.02, Duration.ofMinutes(15), 4,
				5000, 1_000_000, 20_000, Duration.ofSeconds(60), 3600, ZoneId.of("UTC"), 2, 20, Duration.ofSeconds(10),
				20_000);
	}

	static MqttProperties mqtt(String url) {
		return new MqttProperties(url, null, null, "publisher-test", null, null, Duration.ofSeconds(30),
				Duration.ofSeconds(10), Duration.ofSeconds(5), 100);
	}

	static SimulationRequest request(int patients) {
		return new SimulationRequest(null, null, patients, null, null, null, null, null, null, null, null, null, 42L,
				null, START, null, null, null, null, null, null, null);
	}

	RecordingLink link(String clientId) {
		RecordingLink link = new RecordingLink(clientId, this.published, this.log);
		this.links.add(link);
		return link;
	}

	List<String> topicsAndPayloads(String topicPrefix) {
		List<String> lines = new ArrayList<>();
		for (OutboundMessage message : this.published) {
			if (message.topic().startsWith(topicPrefix)) {
				lines.add(message.topic() + " " + new String(message.payload(), StandardCharsets.UTF_8));
			}
		}
		return lines;
	}

	/**
	 * A link factory whose links record into the engine.
	 */
	private static final class RecordingLinks extends LinkFactory {

		private final TestEngine engine;

		RecordingLinks(TestEngine engine) {
			super(mqtt("tcp://127.0.0.1:1"), DeviceCredentials.load(null, mqtt("tcp://127.0.0.1:1").serviceAccount()),
					SCHEDULER);
			this.engine = engine;
		}

		@Override
		public MqttLink device(String deviceId, OutboundMessage will, PublishCounters counters,
				ScheduledExecutorService threads) {
			return this.engine.link(deviceId);
		}

		@Override
		public MqttLink shared(String clientId, int window, PublishCounters counters) {
			return this.engine.link(clientId);
		}

	}

}
