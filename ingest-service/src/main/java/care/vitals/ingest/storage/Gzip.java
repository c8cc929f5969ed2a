package care.vitals.ingest.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * Gzip for line-protocol batches: the same bytes go on the wire and into the spool.
 * <p>
 * Compresses at {@link Deflater#BEST_SPEED}: on a 5,000-line batch it takes a third of
 * the time of the default level for 30 % more bytes, and the single batch writer is the
 * pipeline's serial step (docs/ingest.md). Each thread reuses one {@link Deflater}, so a
 * batch does not allocate and free zlib's ~256 KiB of native state.
 */
public final class Gzip {

	private static final byte[] HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	/** The largest compression buffer a thread keeps for its next batch. */
	private static final int KEPT_OUTPUT_CAPACITY = 1 << 20;

	/** The largest buffer of a batch's bytes a thread keeps for its next batch. */
	private static final int KEPT_INPUT_CAPACITY = 2 << 20;

	/** Each thread's buffer of a batch's bytes, kept between batches. */
	private static final ThreadLocal<byte[]> INPUT = ThreadLocal.withInitial(() -> new byte[0]);

	/** Each thread's compression buffer, kept between batches. */
	private static final ThreadLocal<byte[]> OUTPUT = ThreadLocal.withInitial(() -> new byte[0]);

	private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal
		.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

	private Gzip() {
	}

	public static byte[] compress(String text) {
		return compress(new String[] { text });
	}

	/**
	 * Compresses lines joined by {@code \n}, encoded a line at a time into a buffer the
	 * thread keeps: neither the batch's text nor its bytes are made whole (two arrays of
	 * the batch's size each time, the size of a survivor space's spare room, that stayed
	 * alive through the write).
	 */
	public static byte[] compress(String[] lines) {
		byte[] data = INPUT.get();
		int length = 0;
		for (int i = 0; i < lines.length; i++) {
			byte[] line = lines[i].getBytes(StandardCharsets.UTF_8);
			int needed = length + line.length + 1;
			if (needed > data.length) {
				data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
			}
			if (i > 0) {
				data[length++] = '\n';
			}
			System.arraycopy(line, 0, data, length, line.length);
			length += line.length;
		}
		byte[] gzip = compress(data, length);
		if (data.length <= KEPT_INPUT_CAPACITY) {
			INPUT.set(data);
		}
		return gzip;
	}

	private static byte[] compress(byte[] data, int dataLength) {
		Deflater deflater = DEFLATERS.get();
		byte[] out = OUTPUT.get();
		// line protocol compresses to a fifth or less: one buffer of a quarter usually
		// holds it
		if (out.length < 64 + dataLength / 4) {
			out = new byte[64 + dataLength / 4];
		}
		System.arraycopy(HEADER, 0, out, 0, HEADER.length);
		int length = HEADER.length;
		try {
			deflater.setInput(data, 0, dataLength);
			deflater.finish();
			while (!deflater.finished()) {
				if (length == out.length) {
					out = Arrays.copyOf(out, out.length * 2);
				}
				length += deflater.deflate(out, length, out.length - length);
			}
		}
		finally {
			// ready for the next batch, and no reference kept to this one's bytes
			deflater.reset();
		}
		if (out.length <= KEPT_OUTPUT_CAPACITY) {
			OUTPUT.set(out);
		}
		CRC32 crc = new CRC32();
		crc.update(data, 0, dataLength);
		byte[] gzip = Arrays.copyOf(out, length + 8);
		writeLittleEndian(gzip, length, (int) crc.getValue());
		writeLittleEndian(gzip, length + 4, dataLength);
		return gzip;
	}

	public static String decompress(byte[] gzipped) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Lines in gzipped line protocol, read in small chunks (never the whole text). */
	public static int countLines(byte[] gzipped) {
		int lines = 1;
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192)) {
			byte[] buffer = new byte[8192];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return lines;
	}

	private static void writeLittleEndian(byte[] out, int at, int value) {
		out[at] = (byte) value;
		out[at + 1] = (byte) (value >>> 8);
		out[at + 2] = (byte) (value >>> 16);
		out[at + 3] = (byte) (value >>> 24);
	}

}
