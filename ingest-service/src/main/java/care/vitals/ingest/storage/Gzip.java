package care.vitals.ingest.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip for line-protocol batches: the same bytes go on the wire and into the spool.
 */
public final class Gzip {

	private Gzip() {
	}

	public static byte[] compress(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, text.length() / 6));
		try (GZIPOutputStream out = new GZIPOutputStream(bytes, 8192)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static String decompress(byte[] gzipped) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
