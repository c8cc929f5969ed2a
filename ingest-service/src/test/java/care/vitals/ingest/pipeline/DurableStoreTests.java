package care.vitals.ingest.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import care.vitals.ingest.spool.Spool;
import care.vitals.ingest.storage.Batch;
import care.vitals.ingest.storage.LineProtocolWriter;
import care.vitals.ingest.storage.WriteOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's decisions with a scripted writer (the real InfluxDB paths are covered by
 * the integration tests): isolate refused lines, spool on outage, recover.
 */
class DurableStoreTests {

	@TempDir
	Path dir;

	private final BatchProperties properties = new BatchProperties(5000, Duration.ofMillis(50), 100,
			DataSize.ofMegabytes(1), Duration.ofMillis(1), Duration.ofMillis(5), 3);

	private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

	@Test
	void isolatesTheLinesTheServerRefusesAndWritesTheRest() throws InterruptedException {
		ScriptedWriter writer = new ScriptedWriter((body) -> body.contains("bad") && !body.startsWith("rejected")
				? new WriteOutcome.Rejected(400, "field type conflict") : new WriteOutcome.Written());
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			store(writer, spool).persist(Batch.of("a 1\nb 2\nbad 3\nc 4\nbad 5", 5));
			assertThat(writer.written()).contains("a 1", "b 2", "c 4");
			assertThat(writer.written()).noneMatch((body) -> body.startsWith("bad"));
			assertThat(writer.written().stream().filter((body) -> body.startsWith("rejected,"))).hasSize(2);
			assertThat(this.deadLetters).extracting(DeadLetter::reason)
				.containsExactly("influx_rejected", "influx_rejected");
			assertThat(spool.batches()).isZero();
		}
	}

	@Test
	void spoolsAfterRepeatedFailuresAndThenGoesStraightToTheSpool() throws InterruptedException {
		ScriptedWriter writer = new ScriptedWriter((body) -> new WriteOutcome.Retryable("down", null));
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			DurableStore store = store(writer, spool);
			store.persist(Batch.of("a 1", 1));
			assertThat(writer.attempts()).isEqualTo(3);
			assertThat(store.influxAvailable()).isFalse();
			store.persist(Batch.of("b 2", 1));
			assertThat(writer.attempts()).as("no new attempt while known down").isEqualTo(3);
			assertThat(spool.batches()).isEqualTo(2);
		}
	}

	@Test
	void aSuccessfulWriteMarksTheServerAvailableAgain() throws InterruptedException {
		List<WriteOutcome> script = new ArrayList<>(List.of(new WriteOutcome.Retryable("down", null),
				new WriteOutcome.Retryable("down", null), new WriteOutcome.Retryable("down", null)));
		ScriptedWriter writer = new ScriptedWriter(
				(body) -> script.isEmpty() ? new WriteOutcome.Written() : script.remove(0));
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			DurableStore store = store(writer, spool);
			store.persist(Batch.of("a 1", 1));
			assertThat(store.influxAvailable()).isFalse();
			assertThat(store.write(spool.oldest().orElseThrow().batch())).isInstanceOf(WriteOutcome.Written.class);
			assertThat(store.influxAvailable()).isTrue();
		}
	}

	private DurableStore store(LineProtocolWriter writer, Spool spool) {
		return new DurableStore(writer, spool, this.properties, new IngestMetrics(new SimpleMeterRegistry()),
				this.deadLetters::add, Clock.systemUTC());
	}

	private static final class ScriptedWriter implements LineProtocolWriter {

		private final Function<String, WriteOutcome> script;

		private final List<String> written = new ArrayList<>();

		private int attempts;

		ScriptedWriter(Function<String, WriteOutcome> script) {
			this.script = script;
		}

		@Override
		public WriteOutcome write(Batch batch) {
			String lineProtocol = batch.lineProtocol();
			this.attempts++;
			WriteOutcome outcome = this.script.apply(lineProtocol);
			if (outcome instanceof WriteOutcome.Written) {
				this.written.addAll(List.of(lineProtocol.split("\n")));
			}
			return outcome;
		}

		@Override
		public boolean ping() {
			return true;
		}

		@Override
		public String describe() {
			return "scripted";
		}

		List<String> written() {
			return this.written;
		}

		int attempts() {
			return this.attempts;
		}

	}

}
