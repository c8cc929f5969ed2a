package care.vitals.ingest.storage;

/**
 * A batch of line protocol on its way to durable storage, compressed once: the same gzip
 * bytes are the request body for InfluxDB 1.x and the spool record, so a spooled batch is
 * replayed without being decompressed and compressed again.
 *
 * @param gzip the newline-separated lines, gzip-compressed
 * @param lines how many lines it holds
 */
public record Batch(byte[] gzip, int lines) {

	/** Compresses a batch whose line count the caller knows. */
	public static Batch of(String lineProtocol, int lines) {
		return new Batch(Gzip.compress(lineProtocol), lines);
	}

	public static Batch of(String lineProtocol) {
		return of(lineProtocol, (int) lineProtocol.chars().filter((c) -> c == '\n').count() + 1);
	}

	/** A batch read back as gzip (from the spool): its lines are counted, not decoded. */
	public static Batch ofGzip(byte[] gzip) {
		return new Batch(gzip, Gzip.countLines(gzip));
	}

	/** The line protocol text (decompressed on each call). */
	public String lineProtocol() {
		return Gzip.decompress(this.gzip);
	}

}
