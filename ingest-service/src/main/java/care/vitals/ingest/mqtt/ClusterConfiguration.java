package care.vitals.ingest.mqtt;

import java.time.Duration;

import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.Outcome;
import care.vitals.ingest.inbound.DeviceEventIntake;
import care.vitals.ingest.inbound.DeviceStatusIntake;
import care.vitals.ingest.inbound.MeasurementIntake;
import care.vitals.ingest.inbound.Rejections;
import care.vitals.ingest.inbound.Scope;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.model.topic.Topics;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mqtt.event.MqttConnectionFailedEvent;
import org.springframework.integration.mqtt.event.MqttSubscribedEvent;
import org.springframework.messaging.MessageChannel;

/**
 * Several instances ({@code ingest.mqtt.shared-group} set; docs/scaling.md): the device
 * session stores its share, a clinical session per instance evaluates every message, and
 * one instance at a time, holding the lease, owns the clinical output.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(ClusterConfiguration.SHARED)
class ClusterConfiguration {

	static final String SHARED = "!'${ingest.mqtt.shared-group:}'.isBlank()";

	static final String ALONE = "'${ingest.mqtt.shared-group:}'.isBlank()";

	/** Keep-alive of the lease connection: a cut-off owner is replaced within ~8 s. */
	static final Duration LEASE_KEEP_ALIVE = Duration.ofSeconds(5);

	/** How long a claim waits for a later one before owning. */
	static final Duration LEASE_GRACE = Duration.ofSeconds(2);

	@Bean
	ClinicalMessagesAdapter clinicalMessagesAdapter(MqttProperties properties) {
		ClinicalMessagesAdapter adapter = MqttConfiguration
			.inbound(new ClinicalMessagesAdapter(MqttConfiguration.connectionOptions(properties),
					properties.clientId() + "-clinical", clinicalSubscriptions()), properties);
		adapter.setManualAcks(true);
		return adapter;
	}

	@Bean
	ClinicalIntake clinicalSessionIntake(BatchWriter writer) {
		return new ClinicalIntake(writer, "clinical-intake");
	}

	@Bean
	IntegrationFlow clinicalMessagesInFlow(ClinicalMessagesAdapter clinicalMessagesAdapter,
			MeasurementIntake measurements, DeviceStatusIntake statuses, DeviceEventIntake events,
			Rejections rejections, BatchWriter writer, IngestMetrics metrics, Clock clock,
			ClinicalIntake clinicalSessionIntake) {
		return IntegrationFlow.from(clinicalMessagesAdapter)
			.handle(new InboundMessageHandler(measurements, statuses, events, rejections, writer, metrics, clock,
					clinicalMessagesAdapter, Scope.CLINICAL, clinicalSessionIntake))
			.get();
	}

	@Bean
	ClinicalLease clinicalLease(MqttProperties properties, ObjectProvider<AlarmRestore> restore,
			ObjectProvider<ClinicalOutput> output, BatchWriter writer) {
		return new ClinicalLease(properties, LEASE_KEEP_ALIVE, LEASE_GRACE, () -> {
			Outcome outcome = restore.getObject().takeOver();
			writer.store(output.getObject().lines(outcome));
		});
	}

	@Bean
	AckCommands ackCommands(@Qualifier("mqttOut") MessageChannel mqttOut, ClinicalEngine clinical,
			ClinicalOutput output, BatchWriter writer) {
		return new AckCommands(mqttOut, clinical, output, writer);
	}

	/** An owner whose clinical session is lost frees the lease (docs/scaling.md). */
	@Bean
	ApplicationListener<ApplicationEvent> clinicalSessionWatch(ClinicalLease lease) {
		return (event) -> {
			if (event instanceof MqttConnectionFailedEvent failed
					&& failed.getSource() instanceof ClinicalMessagesAdapter) {
				lease.eligible(false);
			}
			else if (event instanceof MqttSubscribedEvent subscribed
					&& subscribed.getSource() instanceof ClinicalMessagesAdapter) {
				lease.eligible(true);
			}
		};
	}

	/** Every device message, not shared. */
	static MqttSubscription[] clinicalSubscriptions() {
		return new MqttSubscription[] {
				MqttConfiguration.deviceSubscription(Topics.MEASUREMENTS_FILTER, Topics.MEASUREMENTS_FILTER),
				MqttConfiguration.deviceSubscription(Topics.STATUS_FILTER, Topics.STATUS_FILTER),
				MqttConfiguration.deviceSubscription(Topics.EVENTS_FILTER, Topics.EVENTS_FILTER) };
	}

}
