package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import care.vitals.ingest.inbound.InboundMessage;
import care.vitals.ingest.inbound.Rejections;
import care.vitals.ingest.inbound.Scope;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.model.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the second line of defence against retained readings: a measurement or event
 * that arrives flagged as retained (a broker that ignores the subscription's Retain
 * Handling) is dead-lettered as {@code retained_message} without reaching its intake (the
 * intakes are absent here: any call would fail).
 */
class InboundMessageHandlerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final InboundMessageHandler handler = new InboundMessageHandler(null, null, null,
			new Rejections(new IngestMetrics(this.registry)), null, null, Clock.systemUTC(), null, Scope.ALL, null);

	@Test
	void deadLettersRetainedMeasurementsAndEvents() {
		for (String topic : new String[] { "devices/mon-7/measurements", "devices/mon-7/events" }) {
			InboundMessage message = new InboundMessage(topic,
					"{\"ts\":\"2026-11-27T18:00:00Z\",\"values\":{\"heart_rate\":72}}".getBytes(StandardCharsets.UTF_8),
					null, Instant.now(), null);
			Envelope envelope = this.handler.route(Topics.parse(topic), message, true).envelope();
			assertThat(envelope.deadLetter().reason()).isEqualTo("retained_message");
			assertThat(envelope.deadLetter().detail()).contains("retain off");
			assertThat(envelope.lines()).singleElement()
				.asString()
				.startsWith("rejected,device=mon-7,reason=retained_message ");
		}
		assertThat(this.registry.get("ingest.messages.rejected").tag("reason", "retained_message").counter().count())
			.isEqualTo(2.0);
	}

	@Test
	void subscribesToMeasurementsAndEventsWithoutTheirRetainedCopyButKeepsTheRetainedStatus() {
		assertThat(MqttConfiguration.deviceSubscription(Topics.MEASUREMENTS_FILTER, Topics.MEASUREMENTS_FILTER)
			.getRetainHandling()).isEqualTo(2);
		assertThat(MqttConfiguration.deviceSubscription(Topics.EVENTS_FILTER, Topics.EVENTS_FILTER).getRetainHandling())
			.isEqualTo(2);
		assertThat(MqttConfiguration.deviceSubscription(Topics.STATUS_FILTER, Topics.STATUS_FILTER).getRetainHandling())
			.isZero();
		assertThat(ClusterConfiguration.clinicalSubscriptions()).extracting((s) -> s.getRetainHandling())
			.containsExactly(2, 0, 2);
	}

}
