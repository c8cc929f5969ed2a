package care.vitals.ingest.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import care.vitals.ingest.storage.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SpoolTests {

	@TempDir
	Path dir;

	@Test
	void replaysBatchesInTheOrderTheyWereAppended() {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			for (int i = 0; i < 5; i++) {
				assertThat(spool.append(Batch.of("vitals,device=d" + i + " heart_rate=7" + i + " " + i))).isTrue();
			}
			assertThat(drain(spool)).containsExactly("vitals,device=d0 heart_rate=70 0",
					"vitals,device=d1 heart_rate=71 1", "vitals,device=d2 heart_rate=72 2",
					"vitals,device=d3 heart_rate=73 3", "vitals,device=d4 heart_rate=74 4");
			assertThat(spool.batches()).isZero();
			assertThat(spool.bytes()).isZero();
		}
	}

	@Test
	void keepsEveryUnfinishedSegmentAcrossAReopenAndDeletesReplayedOnes() throws IOException {
		try (Spool spool = new Spool(this.dir, 1 << 20, 200)) {
			for (int i = 0; i < 20; i++) {
				spool.append(Batch.of("batch " + i + " " + "x".repeat(100)));
			}
			assertThat(segments()).hasSizeGreaterThan(3);
			SpooledBatch first = spool.oldest().orElseThrow();
			spool.commit(first);
		}
		try (Spool reopened = new Spool(this.dir, 1 << 20, 200)) {
			// The cursor inside a segment is not persisted: a batch committed in a
			// segment
			// that was not finished is replayed again (writes are idempotent).
			List<String> replayed = drain(reopened);
			assertThat(replayed).hasSize(20);
			assertThat(replayed.get(0)).startsWith("batch 0 ");
			assertThat(replayed.get(19)).startsWith("batch 19 ");
		}
		assertThat(segments()).isEmpty();
	}

	@Test
	void discardsATornLastRecordAndReplaysEveryEarlierOne() throws IOException {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			spool.append(Batch.of("first"));
			spool.append(Batch.of("second"));
			spool.append(Batch.of("third"));
		}
		Path segment = segments().get(0);
		long size = Files.size(segment);
		try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
			channel.truncate(size - 5);
		}
		try (Spool reopened = new Spool(this.dir, 1 << 20, 1 << 20)) {
			assertThat(reopened.discardedBytes()).isPositive();
			assertThat(drain(reopened)).containsExactly("first", "second");
		}
	}

	@Test
	void discardsARecordWhoseBytesWereCorrupted() throws IOException {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			spool.append(Batch.of("first"));
			spool.append(Batch.of("second"));
		}
		Path segment = segments().get(0);
		byte[] bytes = Files.readAllBytes(segment);
		bytes[bytes.length - 3] ^= 0x5a;
		Files.write(segment, bytes);
		try (Spool reopened = new Spool(this.dir, 1 << 20, 1 << 20)) {
			assertThat(drain(reopened)).containsExactly("first");
		}
	}

	@Test
	void discardsATailOfGarbageAfterAHalfWrittenHeader() throws IOException {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			spool.append(Batch.of("only"));
		}
		Files.write(segments().get(0), new byte[] { 0x56, 0x53 }, StandardOpenOption.APPEND);
		try (Spool reopened = new Spool(this.dir, 1 << 20, 1 << 20)) {
			assertThat(reopened.discardedBytes()).isEqualTo(2);
			assertThat(drain(reopened)).containsExactly("only");
		}
	}

	@Test
	void refusesAppendsBeyondTheDiskBudgetAndAcceptsThemAgainAfterReplay() {
		try (Spool spool = new Spool(this.dir, 400, 1 << 20)) {
			int accepted = 0;
			while (spool.append(Batch.of("line " + accepted + " " + "y".repeat(50)))) {
				accepted++;
			}
			assertThat(accepted).isPositive();
			assertThat(spool.bytes()).isLessThanOrEqualTo(400);
			drain(spool);
			assertThat(spool.append(Batch.of("after replay"))).isTrue();
		}
	}

	@Test
	void refusesToCommitOutOfOrder() {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			spool.append(Batch.of("a"));
			spool.append(Batch.of("b"));
			SpooledBatch a = spool.oldest().orElseThrow();
			SpooledBatch wrong = new SpooledBatch(a.segment(), a.nextOffset(), a.nextOffset() + 10, Batch.of("b"));
			assertThatIllegalStateException().isThrownBy(() -> spool.commit(wrong));
		}
	}

	@Test
	void acceptsNewAppendsWhileReplaying() {
		try (Spool spool = new Spool(this.dir, 1 << 20, 1 << 20)) {
			spool.append(Batch.of("a"));
			SpooledBatch a = spool.oldest().orElseThrow();
			spool.append(Batch.of("b"));
			spool.commit(a);
			spool.append(Batch.of("c"));
			assertThat(drain(spool)).containsExactly("b", "c");
		}
	}

	@Test
	void readsSeveralBatchesAheadAcrossSegmentsAndCommitsThemInOrder() {
		try (Spool spool = new Spool(this.dir, 1 << 20, 100)) {
			for (int i = 0; i < 10; i++) {
				spool.append(Batch.of("batch " + i + " " + "z".repeat(60)));
			}
			List<String> replayed = new ArrayList<>();
			List<SpooledBatch> next;
			while (!(next = spool.oldest(3)).isEmpty()) {
				assertThat(next).hasSizeLessThanOrEqualTo(3);
				for (SpooledBatch batch : next) {
					replayed.add(batch.lineProtocol().substring(0, 7));
					spool.commit(batch);
				}
			}
			assertThat(replayed).containsExactly("batch 0", "batch 1", "batch 2", "batch 3", "batch 4", "batch 5",
					"batch 6", "batch 7", "batch 8", "batch 9");
			assertThat(spool.bytes()).isZero();
		}
	}

	private static List<String> drain(Spool spool) {
		List<String> batches = new ArrayList<>();
		Optional<SpooledBatch> next;
		while ((next = spool.oldest()).isPresent()) {
			batches.add(next.get().lineProtocol());
			spool.commit(next.get());
		}
		return batches;
	}

	private List<Path> segments() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.filter((file) -> file.toString().endsWith(".spool")).sorted().toList();
		}
	}

}
