package care.vitals.ingest.pipeline;

import java.time.Clock;

import care.vitals.ingest.mqtt.MqttProperties;
import care.vitals.ingest.spool.Spool;
import care.vitals.ingest.storage.LineProtocolWriter;
import io.micrometer.core.instrument.Gauge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	DurableStore durableStore(LineProtocolWriter writer, Spool spool, BatchProperties properties, IngestMetrics metrics,
			DeadLetterSink deadLetters, Clock clock) {
		return new DurableStore(writer, spool, properties, metrics, deadLetters, clock);
	}

	@Bean
	BatchWriter batchWriter(DurableStore store, DeadLetterSink deadLetters, BatchProperties properties,
			IngestMetrics metrics, Clock clock, MqttProperties mqtt) {
		BatchWriter writer = new BatchWriter(store, deadLetters, properties, metrics, clock, mqtt.receiveMaximum());
		Gauge.builder("ingest.queue.depth", writer, BatchWriter::queued)
			.description("Messages waiting for the writer")
			.register(metrics.registry());
		return writer;
	}

	@Bean
	SpoolReplayer spoolReplayer(Spool spool, DurableStore store, BatchProperties properties, IngestMetrics metrics) {
		return new SpoolReplayer(spool, store, properties, metrics);
	}

}
