package care.vitals.ingest.mqtt;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import care.vitals.ingest.inbound.Received;
import care.vitals.ingest.pipeline.BatchProperties;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.pipeline.DurableStore;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.pipeline.IngestMetrics;
import care.vitals.ingest.spool.Spool;
import care.vitals.ingest.storage.Batch;
import care.vitals.ingest.storage.LineProtocolWriter;
import care.vitals.ingest.storage.WriteOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that the clinical intake evaluates on its own thread, in the order messages
 * were handed to it, and hands every message to the writer, with its clinical lines or,
 * if an evaluation throws, without them; that a message handed before the thread starts
 * waits for it instead of being evaluated by the caller; and that one handed after a
 * quiet spell, when the thread has stopped napping and waits to be woken, is evaluated.
 */
class ClinicalIntakeTests {

	private static final String THREAD = "test-intake";

	private final BatchProperties properties = new BatchProperties(100, Duration.ofMillis(20), 1000,
			DataSize.ofKilobytes(64), Duration.ofMillis(1), Duration.ofMillis(5), 3);

	private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());

	private final List<String> stored = new CopyOnWriteArrayList<>();

	private final List<String> evaluatedOn = new CopyOnWriteArrayList<>();

	private final AtomicInteger acked = new AtomicInteger();

	@TempDir
	Path dir;

	@Test
	void evaluatesOnItsThreadInOrderAndStoresEveryMessage() throws Exception {
		List<String> expected = new ArrayList<>();
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = writer(spool);
			writer.start();
			ClinicalIntake intake = new ClinicalIntake(writer, THREAD);
			intake.start();
			for (int i = 0; i < 50; i++) {
				intake.hand(received("m n=" + i, "c n=" + i));
				expected.add("m n=" + i);
				expected.add("c n=" + i);
			}
			intake.hand(new Received(envelope("m n=50"), List.of(() -> {
				throw new IllegalStateException("a defect");
			})));
			expected.add("m n=50");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.get() == 51);
			intake.stop();
			writer.stop();
		}
		assertThat(this.evaluatedOn).hasSize(50).containsOnly(THREAD);
		assertThat(this.stored).containsExactlyElementsOf(expected);
	}

	@Test
	void keepsWhatIsHandedBeforeItStartsUntilItsThreadRuns() throws Exception {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = writer(spool);
			writer.start();
			ClinicalIntake intake = new ClinicalIntake(writer, THREAD);
			intake.hand(received("m n=1", "c n=1"));
			intake.hand(received("m n=2", "c n=2"));
			Thread.sleep(200);
			assertThat(this.evaluatedOn).as("evaluated before the intake started").isEmpty();
			assertThat(this.acked).hasValue(0);
			intake.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.get() == 2);
			intake.stop();
			writer.stop();
		}
		assertThat(this.evaluatedOn).containsExactly(THREAD, THREAD);
		assertThat(this.stored).containsExactly("m n=1", "c n=1", "m n=2", "c n=2");
	}

	/**
	 * Idle, the thread naps a few times and then waits to be woken: a message handed
	 * after a quiet spell (a ward at a reading a minute) is evaluated as one handed in a
	 * stream.
	 */
	@Test
	void evaluatesAMessageHandedAfterAQuietSpell() throws Exception {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = writer(spool);
			writer.start();
			ClinicalIntake intake = new ClinicalIntake(writer, THREAD);
			intake.start();
			intake.hand(received("m n=1", "c n=1"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.get() == 1);
			Thread.sleep(300);
			intake.hand(received("m n=2", "c n=2"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.get() == 2);
			intake.stop();
			writer.stop();
		}
		assertThat(this.evaluatedOn).containsExactly(THREAD, THREAD);
		assertThat(this.stored).containsExactly("m n=1", "c n=1", "m n=2", "c n=2");
	}

	private Received received(String line, String clinicalLine) {
		Supplier<List<String>> evaluation = () -> {
			this.evaluatedOn.add(Thread.currentThread().getName());
			return List.of(clinicalLine);
		};
		return new Received(envelope(line), List.of(evaluation));
	}

	private Envelope envelope(String line) {
		return new Envelope(List.of(line), this.acked::incrementAndGet, null, null);
	}

	/** The writer, in front of a stand-in for InfluxDB that keeps what it is given. */
	private BatchWriter writer(Spool spool) {
		LineProtocolWriter influx = new LineProtocolWriter() {
			@Override
			public WriteOutcome write(Batch batch) {
				ClinicalIntakeTests.this.stored.addAll(List.of(batch.lineProtocol().split("\n")));
				return new WriteOutcome.Written();
			}

			@Override
			public boolean ping() {
				return true;
			}

			@Override
			public String describe() {
				return "kept";
			}
		};
		DurableStore store = new DurableStore(influx, spool, this.properties, this.metrics, (deadLetter) -> {
		}, Clock.systemUTC());
		return new BatchWriter(store, (deadLetter) -> {
		}, this.properties, this.metrics, Clock.systemUTC());
	}

}
