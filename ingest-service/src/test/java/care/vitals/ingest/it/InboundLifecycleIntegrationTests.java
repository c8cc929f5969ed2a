package care.vitals.ingest.it;

import java.nio.file.Path;
import java.util.Map;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.MosquittoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker sends a persistent session's backlog right after CONNACK, so the inbound
 * adapter must connect only once everything it feeds runs (its consumer, the writer), and
 * disconnect before any of them stops. Spring starts a bean that others depend on
 * together with them, so the adapter is not auto-started; {@code inboundStarter} starts
 * it in the last phase.
 */
class InboundLifecycleIntegrationTests {

	@RegisterExtension
	static final MosquittoServer mosquitto = MosquittoServer.create();

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@TempDir
	Path spool;

	@Test
	void theInboundAdapterConnectsLastAndDisconnectsFirst() {
		influx.createDatabase("lifecycle");
		try (RunningIngest ingest = RunningIngest
			.start(RunningIngest.v1(mosquitto.url(), "ingest-lifecycle", influx.url(), "lifecycle", this.spool))) {
			Map<String, SmartLifecycle> lifecycles = ingest.beans(SmartLifecycle.class);
			SmartLifecycle adapter = lifecycles.get("deviceMessagesAdapter");
			SmartLifecycle starter = lifecycles.get("inboundStarter");
			assertThat(adapter.isAutoStartup()).as("adapter auto-started (as a dependency, too early)").isFalse();
			assertThat(adapter.isRunning()).isTrue();
			assertThat(lifecycles).containsKeys("batchWriter", "spoolReplayer");
			lifecycles.forEach((name, lifecycle) -> {
				// The clinical clock feeds the writer, not the adapter: it may start
				// later.
				boolean downstream = !name.equals("inboundStarter") && !name.equals("clinicalScheduler");
				if (downstream && lifecycle.isAutoStartup()) {
					assertThat(lifecycle.getPhase()).as(name + " starts after or stops before the inbound adapter")
						.isLessThan(starter.getPhase());
				}
			});
		}
	}

}
