package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

import java.time.Clock;

import care.vitals.ingest.clinical.ClinicalOwnership;
import care.vitals.ingest.inbound.DeviceEventIntake;
import care.vitals.ingest.inbound.DeviceStatusIntake;
import care.vitals.ingest.inbound.MeasurementIntake;
import care.vitals.ingest.inbound.Rejections;
import care.vitals.ingest.inbound.Scope;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.DeadLetterSink;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.model.topic.Topics;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.MessageChannels;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaderMapper;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The MQTT side: one inbound adapter (persistent session, QoS 1, manual acks) and one
 * flow per direction.
 */
@Configuration(proxyBeanMethods = false)
class MqttConfiguration {

	/** Inbound starts last and stops first, so the writer drains what it received. */
	static final int INBOUND_PHASE = Integer.MAX_VALUE - 1000;

	@Bean
	@Primary
	DeviceMessagesAdapter deviceMessagesAdapter(MqttProperties properties) {
		DeviceMessagesAdapter adapter = inbound(new DeviceMessagesAdapter(connectionOptions(properties),
				properties.clientId(), subscriptions(properties)), properties);
		adapter.setManualAcks(true);
		return adapter;
	}

	@Bean
	PatientStateAdapter patientStateAdapter(MqttProperties properties) {
		PatientStateAdapter adapter = inbound(new PatientStateAdapter(connectionOptions(properties),
				properties.clientId() + "-state", stateSubscriptions(properties)), properties);
		// and the tag and state of a lease publication (ClinicalLease)
		MqttHeaderMapper headers = new MqttHeaderMapper();
		headers.setInboundHeaderNames(MessageHeaders.CONTENT_TYPE, LeaseValue.TAG_PROPERTY, LeaseValue.OWNING_PROPERTY);
		adapter.setHeaderMapper(headers);
		// its state is retained at the broker: no need to wait at shutdown (5 s each
		// stop)
		adapter.setDisconnectCompletionTimeout(500);
		return adapter;
	}

	/**
	 * Settings both inbound adapters share: raw payloads, only the content type as header
	 * (user properties are device-controlled and not needed), in-memory Paho persistence
	 * (the broker holds the session), and started by {@code inboundStarter}, not as a
	 * dependency of their flow (which would connect them at phase 0, before the writer
	 * and their own consumer run).
	 */
	static <A extends DeviceMessagesAdapter> A inbound(A adapter, MqttProperties properties) {
		adapter.setPayloadType(byte[].class);
		MqttHeaderMapper inbound = new MqttHeaderMapper();
		inbound.setInboundHeaderNames(MessageHeaders.CONTENT_TYPE);
		adapter.setHeaderMapper(inbound);
		adapter.setPersistence(new MemoryPersistence());
		adapter.setPhase(INBOUND_PHASE);
		adapter.setAutoStartup(false);
		adapter.setCompletionTimeout(properties.connectionTimeout().toMillis());
		return adapter;
	}

	@Bean
	IntegrationFlow patientStateInFlow(PatientStateAdapter patientStateAdapter, PatientStateHandler handler) {
		return IntegrationFlow.from(patientStateAdapter).handle(handler).get();
	}

	/**
	 * Connects the inbound adapters once everything downstream runs, and disconnects them
	 * before anything downstream stops. A persistent session gets its backlog right after
	 * CONNACK; connected any earlier, a message could meet a channel without subscriber,
	 * which makes Paho drop the connection (found in the logs of the fault tests: the
	 * adapter connected before its own consumer and the writer).
	 * <p>
	 * <b>State first.</b> The patient state session connects first, and the device
	 * session only once the retained assignments, settings and staff observations have
	 * arrived (or {@code ingest.mqtt.state-sync-timeout} passed: data must flow even
	 * then, and the health says so), so that no reading of the device session's backlog
	 * is attributed or scored before the state it depends on is known.
	 */
	@Bean
	SmartLifecycle inboundStarter(DeviceMessagesAdapter deviceMessagesAdapter, PatientStateAdapter patientStateAdapter,
			ObjectProvider<ClinicalMessagesAdapter> clinicalAdapter, ObjectProvider<ClinicalLease> lease,
			StateRestore restore) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				patientStateAdapter.start();
				restore.atStart();
				clinicalAdapter.ifAvailable(DeviceMessagesAdapter::start);
				deviceMessagesAdapter.start();
				lease.ifAvailable(ClinicalLease::start);
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				lease.ifAvailable(ClinicalLease::stop);
				deviceMessagesAdapter.stop();
				clinicalAdapter.ifAvailable(DeviceMessagesAdapter::stop);
				patientStateAdapter.stop();
			}

			@Override
			public boolean isRunning() {
				return this.running || deviceMessagesAdapter.isRunning() || patientStateAdapter.isRunning();
			}

			@Override
			public int getPhase() {
				return INBOUND_PHASE + 1;
			}

		};
	}

	/**
	 * The device session stores and evaluates every message (one instance), or stores its
	 * share of a shared subscription while the clinical session evaluates (several).
	 */
	@Bean
	IntegrationFlow deviceMessagesInFlow(DeviceMessagesAdapter deviceMessagesAdapter, MeasurementIntake measurements,
			DeviceStatusIntake statuses, DeviceEventIntake events, Rejections rejections, BatchWriter writer,
			IngestMetrics metrics, Clock clock, MqttProperties properties,
			ObjectProvider<ClinicalIntake> deviceIntake) {
		Scope scope = properties.shared() ? Scope.DATA : Scope.ALL;
		return IntegrationFlow.from(deviceMessagesAdapter)
			.handle(new InboundMessageHandler(measurements, statuses, events, rejections, writer, metrics, clock,
					deviceMessagesAdapter, scope, scope.evaluates() ? deviceIntake.getObject() : null))
			.get();
	}

	/** The device session's second thread, when it evaluates (one instance alone). */
	@Bean
	@ConditionalOnExpression(ClusterConfiguration.ALONE)
	ClinicalIntake deviceSessionIntake(BatchWriter writer) {
		return new ClinicalIntake(writer, "device-intake");
	}

	/** One instance alone owns the clinical output. */
	@Bean
	@ConditionalOnExpression(ClusterConfiguration.ALONE)
	ClinicalOwnership clinicalOwnership() {
		return ClinicalOwnership.ALONE;
	}

	/**
	 * Fire-and-forget publications (dead letters) go through one publishing thread, so
	 * the MQTT callback and the writer never wait for the broker; when 10,000 wait, newer
	 * ones are dropped (their durable records are in InfluxDB). Alarm lists have their
	 * own queue and thread ({@link MqttAlarmStatePublisher}).
	 */
	@Bean
	MessageChannel mqttOutAsync() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(10_000);
		executor.setThreadNamePrefix("mqtt-out-");
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
		executor.initialize();
		return MessageChannels.executor(executor).getObject();
	}

	/** Publications whose sender needs to know they reached the broker (assignments). */
	@Bean
	MessageChannel mqttOut() {
		return MessageChannels.direct().getObject();
	}

	@Bean
	Mqttv5PahoMessageHandler mqttOutHandler(MqttProperties properties) {
		Mqttv5PahoMessageHandler handler = new OutboundMessageHandler(connectionOptions(properties),
				properties.clientId() + "-out");
		handler.setAsync(false);
		handler.setDefaultQos(1);
		handler.setCompletionTimeout(properties.connectionTimeout().toMillis());
		MqttHeaderMapper outbound = new MqttHeaderMapper();
		outbound.setOutboundHeaderNames(MqttDeadLetterSink.USER_PROPERTIES);
		handler.setHeaderMapper(outbound);
		return handler;
	}

	@Bean
	IntegrationFlow mqttOutAsyncFlow() {
		return IntegrationFlow.from("mqttOutAsync").channel("mqttOut").get();
	}

	@Bean
	IntegrationFlow mqttOutFlow(Mqttv5PahoMessageHandler mqttOutHandler) {
		return IntegrationFlow.from("mqttOut").handle(mqttOutHandler).get();
	}

	@Bean
	DeadLetterSink deadLetterSink(@Qualifier("mqttOutAsync") MessageChannel mqttOutAsync) {
		return new MqttDeadLetterSink(mqttOutAsync);
	}

	static MqttConnectionOptions connectionOptions(MqttProperties properties) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setServerURIs(new String[] { properties.url() });
		options.setCleanStart(false);
		options.setSessionExpiryInterval(properties.sessionExpiry().toSeconds());
		options.setAutomaticReconnect(true);
		options.setAutomaticReconnectDelay(1, (int) properties.maxReconnectDelay().toSeconds());
		options.setKeepAliveInterval((int) properties.keepAlive().toSeconds());
		options.setConnectionTimeout((int) properties.connectionTimeout().toSeconds());
		options.setReceiveMaximum(properties.receiveMaximum());
		options.setSocketFactory(BufferedSocketFactory.forUrl(properties.url()));
		if (properties.hasCredentials()) {
			options.setUserName(properties.username());
			options.setPassword(nullToEmpty(properties.password()).getBytes(StandardCharsets.UTF_8));
		}
		return options;
	}

	static MqttSubscription[] subscriptions(MqttProperties properties) {
		List<MqttSubscription> subscriptions = new ArrayList<>();
		for (String filter : List.of(Topics.MEASUREMENTS_FILTER, Topics.STATUS_FILTER, Topics.EVENTS_FILTER)) {
			String topic = properties.shared() ? Topics.shared(properties.sharedGroup(), filter) : filter;
			subscriptions.add(deviceSubscription(topic, filter));
		}
		return subscriptions.toArray(MqttSubscription[]::new);
	}

	/**
	 * A device topic at QoS 1. Measurements and events with MQTT 5 Retain Handling 2: the
	 * broker sends no retained copy on (re)subscribing, so a retained reading is never
	 * ingested again on every reconnect (docs/contracts.md); a retained publication still
	 * arrives once, live. Status keeps its retained copy (it is the device's state and
	 * its Last Will).
	 */
	static MqttSubscription deviceSubscription(String topic, String filter) {
		MqttSubscription subscription = new MqttSubscription(topic, 1);
		if (!Topics.STATUS_FILTER.equals(filter)) {
			subscription.setRetainHandling(2);
		}
		subscription.setRetainAsPublished(false);
		return subscription;
	}

	/**
	 * Every instance needs every assignment, patient setting and staff observation, and
	 * at start the retained alarm lists: never shared; plus its own sync topic.
	 */
	static MqttSubscription[] stateSubscriptions(MqttProperties properties) {
		List<MqttSubscription> subscriptions = new ArrayList<>(List.of(
				new MqttSubscription(Topics.ASSIGNMENTS_FILTER, 1), new MqttSubscription(Topics.SETTINGS_FILTER, 1),
				new MqttSubscription(Topics.OBSERVATIONS_FILTER, 1), new MqttSubscription(Topics.ALARMS_FILTER, 1),
				new MqttSubscription(Topics.sync(properties.clientId()), 1)));
		if (properties.shared()) {
			// several instances: the lease of the clinical output, and acknowledgements
			// made through other instances
			subscriptions.add(new MqttSubscription(Topics.CLINICAL_OWNER, 1));
			subscriptions.add(new MqttSubscription(Topics.CLINICAL_ACKS, 1));
		}
		return subscriptions.toArray(MqttSubscription[]::new);
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
