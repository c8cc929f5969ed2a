package care.vitals.ingest.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchTests {

	@Test
	void compressesOnceAndReadsBackTheSameLines() {
		String text = lines(5000, new Random(7));
		Batch batch = Batch.of(text);
		assertThat(batch.lines()).isEqualTo(5000);
		assertThat(batch.lineProtocol()).isEqualTo(text);
		assertThat(batch.gzip().length).isLessThan(text.length() / 3);
		assertThat(Batch.ofGzip(batch.gzip()).lines()).isEqualTo(5000);
	}

	@Test
	void reusesTheDeflaterWithoutMixingBatches() {
		Random random = new Random(11);
		for (int i = 0; i < 50; i++) {
			String text = lines(1 + random.nextInt(300), random);
			assertThat(Gzip.decompress(Gzip.compress(text))).isEqualTo(text);
		}
		assertThat(Gzip.decompress(Gzip.compress(""))).isEmpty();
	}

	@Test
	void compressesTextThatDoesNotShrinkAndKeepsNoLargeBufferIntoTheNextBatch() throws IOException {
		Random random = new Random(13);
		StringBuilder noise = new StringBuilder();
		for (int i = 0; i < 3_000_000; i++) {
			noise.append((char) (' ' + random.nextInt(95)));
		}
		String incompressible = noise.toString();
		byte[] gzip = Gzip.compress(incompressible);
		assertThat(gzip.length).isGreaterThan(incompressible.length() / 2);
		assertThat(Gzip.decompress(gzip)).isEqualTo(incompressible);
		String small = lines(3, random);
		byte[] after = Gzip.compress(small);
		assertThat(Gzip.decompress(after)).isEqualTo(small);
		// the JDK's reader checks the trailer (CRC and length) too
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			assertThat(in.readAllBytes()).hasSize(incompressible.length());
		}
	}

	@Test
	void compressesLinesOneAtATimeToTheSameBytesAsTheirText() throws IOException {
		Random random = new Random(17);
		String big = lines(5000, random) + "\nward_board,ward=w-1 news2=\"≥ 5\",note=\"ünïcode\" 9";
		for (String text : new String[] { big, lines(3, random), "only", lines(1200, random) }) {
			String[] lines = text.split("\n");
			Batch batch = Batch.of(lines);
			assertThat(batch.lines()).isEqualTo(lines.length);
			assertThat(batch.lineProtocol()).isEqualTo(text);
			// the JDK's reader checks the trailer (CRC and length) too
			try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(batch.gzip()))) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
			}
			assertThat(batch.gzip()).isEqualTo(Gzip.compress(text));
			assertThat(Batch.ofGzip(batch.gzip()).lines()).isEqualTo(lines.length);
		}
	}

	@Test
	void readsBatchesGzippedByTheJdkStream() throws IOException {
		String text = "vitals,device=a heart_rate=70 1\nvitals,device=b heart_rate=71 2\nμ=\"ünïcode\" 3";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		Batch batch = Batch.ofGzip(bytes.toByteArray());
		assertThat(batch.lines()).isEqualTo(3);
		assertThat(batch.lineProtocol()).isEqualTo(text);
	}

	private static String lines(int count, Random random) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				text.append('\n');
			}
			text.append("vitals,device=bm-")
				.append(random.nextInt(2000))
				.append(",patient=p-")
				.append(random.nextInt(2000))
				.append(" heart_rate=")
				.append(50 + random.nextInt(80))
				.append(",spo2=")
				.append(88 + random.nextInt(12))
				.append(' ')
				.append(1_764_279_000_000_000_000L + i);
		}
		return text.toString();
	}

}
