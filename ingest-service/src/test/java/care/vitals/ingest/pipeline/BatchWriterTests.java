package care.vitals.ingest.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
import static org.awaitility.Awaitility.await;

/**
 * The queue in front of the writer is bounded by the size of the line protocol it holds,
 * not only by messages: large messages stop the MQTT callback before they fill the heap,
 * and every message is still written and acknowledged once the writer moves on.
 */
class BatchWriterTests {

	@TempDir
	Path dir;

	private final CountDownLatch influxBack = new CountDownLatch(1);

	private final AtomicInteger writtenLines = new AtomicInteger();

	@Test
	void waitsWhenTheQueuedLineProtocolReachesItsBudget() throws Exception {
		BatchProperties properties = new BatchProperties(1, Duration.ofMillis(1), 1000, DataSize.ofKilobytes(1),
				Duration.ofMillis(1), Duration.ofMillis(5), 3);
		AtomicInteger acked = new AtomicInteger();
		AtomicInteger submitted = new AtomicInteger();
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = new BatchWriter(store(spool, properties), (deadLetter) -> {
			}, properties, new IngestMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
			writer.start();
			Thread callback = new Thread(() -> {
				try {
					for (int i = 0; i < 6; i++) {
						writer.submit(new Envelope(List.of("m" + i + " v=" + "1".repeat(300)), acked::incrementAndGet,
								null, null));
						submitted.incrementAndGet();
					}
					// larger than the whole budget: passes once the queue is empty
					writer
						.submit(new Envelope(List.of("big v=" + "2".repeat(3000)), acked::incrementAndGet, null, null));
					submitted.incrementAndGet();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			callback.start();
			// the writer holds the first message (InfluxDB slow); ~1 KB more fits: three
			await().atMost(Duration.ofSeconds(5)).until(() -> submitted.get() == 4);
			Thread.sleep(300);
			assertThat(submitted.get()).as("the callback waits for room").isEqualTo(4);
			assertThat(acked.get()).isZero();
			this.influxBack.countDown();
			callback.join(10_000);
			await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() == 7);
			assertThat(this.writtenLines.get()).isEqualTo(7);
			writer.stop();
		}
	}

	/**
	 * The broker redelivers an unacknowledged message only after a reconnect, so a batch
	 * that fails unexpectedly must be retried, not dropped: otherwise it would wait in
	 * the broker while newer data flows. Acknowledged once, after it is stored.
	 */
	@Test
	void retriesABatchThatFailedUnexpectedlyAndAcknowledgesItOnce() throws Exception {
		BatchProperties properties = new BatchProperties(100, Duration.ofMillis(1), 1000, DataSize.ofKilobytes(64),
				Duration.ofMillis(1), Duration.ofMillis(5), 3);
		AtomicInteger attempts = new AtomicInteger();
		LineProtocolWriter failingOnce = writer("failing once", (batch) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("unexpected");
			}
			BatchWriterTests.this.writtenLines.addAndGet(batch.lines());
			return new WriteOutcome.Written();
		});
		AtomicInteger acked = new AtomicInteger();
		IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = new BatchWriter(new DurableStore(failingOnce, spool, properties, metrics, (d) -> {
			}, Clock.systemUTC()), (deadLetter) -> {
			}, properties, metrics, Clock.systemUTC());
			writer.start();
			writer.submit(new Envelope(List.of("m v=1"), acked::incrementAndGet, null, null));
			await().atMost(Duration.ofSeconds(5)).until(() -> acked.get() == 1);
			Thread.sleep(100);
			writer.stop();
		}
		assertThat(attempts.get()).isEqualTo(2);
		assertThat(this.writtenLines.get()).isEqualTo(1);
		assertThat(acked.get()).isEqualTo(1);
		assertThat(metrics.registry().get("ingest.write.failures").counter().count()).isEqualTo(1);
	}

	/**
	 * One message the writer always fails on must not stop every patient's data: after
	 * the retries its batch is written message by message, the others are stored and
	 * acknowledged, and that one becomes a {@code write_failed} dead letter.
	 */
	@Test
	void aMessageTheWriterAlwaysFailsOnBecomesADeadLetterAndTheRestIsStored() throws Exception {
		BatchProperties properties = new BatchProperties(100, Duration.ofMillis(50), 1000, DataSize.ofKilobytes(64),
				Duration.ofMillis(1), Duration.ofMillis(5), 3);
		List<String> stored = new CopyOnWriteArrayList<>();
		LineProtocolWriter poisoned = writer("poisoned", (batch) -> {
			if (List.of(batch.lineProtocol().split("\n")).stream().anyMatch((l) -> l.startsWith("m poison"))) {
				throw new IllegalStateException("a bug triggered by this message");
			}
			stored.addAll(List.of(batch.lineProtocol().split("\n")));
			return new WriteOutcome.Written();
		});
		List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
		AtomicInteger acked = new AtomicInteger();
		IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = new BatchWriter(new DurableStore(poisoned, spool, properties, metrics, (d) -> {
			}, Clock.systemUTC()), deadLetters::add, properties, metrics, Clock.systemUTC());
			writer.start();
			writer.submit(new Envelope(List.of("m v=1"), acked::incrementAndGet, null, null));
			writer.submit(new Envelope(List.of("m poison=1"), acked::incrementAndGet, null, null));
			writer.submit(new Envelope(List.of("m v=3"), acked::incrementAndGet, null, null));
			await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() == 3);
			writer.stop();
		}
		assertThat(stored).contains("m v=1", "m v=3").noneMatch((line) -> line.startsWith("m poison"));
		assertThat(stored).anyMatch((line) -> line.startsWith("rejected,") && line.contains("reason=write_failed"));
		assertThat(deadLetters).singleElement()
			.satisfies((deadLetter) -> assertThat(new String(deadLetter.payload())).isEqualTo("m poison=1"));
		assertThat(metrics.registry().get("ingest.messages.rejected").tag("reason", "write_failed").counter().count())
			.isEqualTo(1);
	}

	@Test
	void writesABatchAtOnceWhenItHoldsAWholeInFlightWindow() throws Exception {
		// a long max-delay: only the window can end the batch early
		List<Integer> batches = new CopyOnWriteArrayList<>();
		AtomicInteger acked = new AtomicInteger();
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = patientWriter(spool, 3, (batch) -> batches.add(batch.lines()));
			// clinical output needs no acknowledgement: it does not count against the
			// window
			writer.store(List.of("news2 score=1i"));
			writer.submit(new Envelope(List.of("m v=1"), acked::incrementAndGet, null, null));
			writer.submit(new Envelope(List.of("m v=2"), acked::incrementAndGet, null, null));
			Thread.sleep(500);
			assertThat(acked.get()).as("two of a window of three: the batch still waits").isZero();
			writer.submit(new Envelope(List.of("m v=3"), acked::incrementAndGet, null, null));
			await().atMost(Duration.ofSeconds(5)).until(() -> acked.get() == 3);
			assertThat(batches).containsExactly(4);
			writer.stop();
		}
	}

	@Test
	void aBatchGathersWhatIsHandedOverOneByOneUntilItsMaxDelay() throws Exception {
		// the writer naps between messages rather than waiting to be woken by each: the
		// messages still end up in one batch, written once max-delay has passed
		List<Integer> batches = new CopyOnWriteArrayList<>();
		AtomicInteger acked = new AtomicInteger();
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = patientWriter(spool, 1000, Duration.ofMillis(400),
					(batch) -> batches.add(batch.lines()));
			long start = System.nanoTime();
			for (int i = 0; i < 20; i++) {
				writer.submit(new Envelope(List.of("m v=" + i), acked::incrementAndGet, null, null));
				Thread.sleep(3);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> acked.get() == 20);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(batches).containsExactly(20);
			assertThat(millis).as("written after max-delay, not long after").isBetween(400L, 2000L);
			writer.stop();
		}
	}

	@Test
	void aMessageThatWaitedThroughAWriteIsWrittenRightAfterIt() throws Exception {
		// max-delay counts from when a message was queued: one queued during a slow
		// write has waited past its max-delay when that write ends, and goes at once
		// (it used to wait a whole max-delay more)
		List<Long> ackedAt = new CopyOnWriteArrayList<>();
		AtomicInteger writes = new AtomicInteger();
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = patientWriter(spool, 1000, Duration.ofMillis(500), (batch) -> {
				if (writes.incrementAndGet() == 1) {
					sleep(800);
				}
			});
			long start = System.nanoTime();
			writer.submit(new Envelope(List.of("m v=1"), () -> ackedAt.add(System.nanoTime() - start), null, null));
			// during the first write (from ~500 ms to ~1,300 ms)
			Thread.sleep(700);
			writer.submit(new Envelope(List.of("m v=2"), () -> ackedAt.add(System.nanoTime() - start), null, null));
			await().atMost(Duration.ofSeconds(5)).until(() -> ackedAt.size() == 2);
			long gap = TimeUnit.NANOSECONDS.toMillis(ackedAt.get(1) - ackedAt.get(0));
			assertThat(writes.get()).isEqualTo(2);
			assertThat(gap).as("the second batch written right after the first, not max-delay after it")
				.isLessThan(250);
			writer.stop();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void writesEachBatchAsItsLinesJoinedByNewlines() throws Exception {
		// one message per batch; the ward board's "≥" needs two bytes per character, the
		// batches after it none
		List<String> bodies = new CopyOnWriteArrayList<>();
		AtomicInteger acked = new AtomicInteger();
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			BatchWriter writer = patientWriter(spool, 1, (batch) -> bodies.add(batch.lineProtocol()));
			writer.submit(
					new Envelope(List.of("board news2_shown=\"≥ 5\"", "m v=1"), acked::incrementAndGet, null, null));
			await().atMost(Duration.ofSeconds(5)).until(() -> acked.get() == 1);
			writer.submit(new Envelope(List.of("m v=2", "m v=3"), acked::incrementAndGet, null, null));
			await().atMost(Duration.ofSeconds(5)).until(() -> acked.get() == 2);
			writer.submit(new Envelope(List.of("m é=4"), acked::incrementAndGet, null, null));
			await().atMost(Duration.ofSeconds(5)).until(() -> acked.get() == 3);
			assertThat(bodies).containsExactly("board news2_shown=\"≥ 5\"\nm v=1", "m v=2\nm v=3", "m é=4");
			writer.stop();
		}
	}

	/**
	 * A started writer that waits up to 20 s for a full batch unless its in-flight window
	 * fills first, in front of an InfluxDB that stores everything it is sent.
	 */
	private static BatchWriter patientWriter(Spool spool, int window, Consumer<Batch> written) {
		return patientWriter(spool, window, Duration.ofSeconds(20), written);
	}

	private static BatchWriter patientWriter(Spool spool, int window, Duration maxDelay, Consumer<Batch> written) {
		BatchProperties properties = new BatchProperties(5000, maxDelay, 1000, DataSize.ofMegabytes(1),
				Duration.ofMillis(1), Duration.ofMillis(5), 3);
		IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
		LineProtocolWriter influx = writer("recording", (batch) -> {
			written.accept(batch);
			return new WriteOutcome.Written();
		});
		BatchWriter writer = new BatchWriter(new DurableStore(influx, spool, properties, metrics, (d) -> {
		}, Clock.systemUTC()), (deadLetter) -> {
		}, properties, metrics, Clock.systemUTC(), window);
		writer.start();
		return writer;
	}

	/** A writer standing in for InfluxDB, with the behaviour a test needs. */
	private static LineProtocolWriter writer(String name, Function<Batch, WriteOutcome> write) {
		return new LineProtocolWriter() {
			@Override
			public WriteOutcome write(Batch batch) {
				return write.apply(batch);
			}

			@Override
			public boolean ping() {
				return true;
			}

			@Override
			public String describe() {
				return name;
			}
		};
	}

	private DurableStore store(Spool spool, BatchProperties properties) {
		LineProtocolWriter slowInflux = writer("slow", (batch) -> {
			try {
				BatchWriterTests.this.influxBack.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			BatchWriterTests.this.writtenLines.addAndGet(batch.lines());
			return new WriteOutcome.Written();
		});
		return new DurableStore(slowInflux, spool, properties, new IngestMetrics(new SimpleMeterRegistry()), (d) -> {
		}, Clock.systemUTC());
	}

}
