package care.vitals.ingest.storage;

/**
 * A batch of line protocol on its way to durable storage, compressed at most once: the
 * gzip bytes, made on first use, are both the request body for InfluxDB 1.x and the spool
 * record, so a spooled batch is replayed as stored, not decompressed and compressed
 * again. A batch that never needs them (the v2 client compresses the text itself) is
 * never compressed here.
 * <p>
 * Used by one thread at a time (handed over through an executor or a queue).
 */
public final class Batch {

	private int lines;

	/**
	 * The text in parts joined by {@code \n} (lines, or one part holding several), or
	 * {@code null} for a batch read as gzip.
	 */
	private final String[] parts;

	private byte[] gzip;

	private Batch(String[] parts, byte[] gzip, int lines) {
		this.parts = parts;
		this.gzip = gzip;
		this.lines = lines;
	}

	/**
	 * A batch of these lines, never joined into one text unless asked for it: compressed
	 * a line at a time ({@link Gzip#compress(String[])}). The array is the batch's own
	 * from here on.
	 */
	public static Batch of(String[] lines) {
		return new Batch(lines, null, lines.length);
	}

	/** A batch of newline-separated lines whose count the caller knows. */
	public static Batch of(String lineProtocol, int lines) {
		return new Batch(new String[] { lineProtocol }, null, lines);
	}

	public static Batch of(String lineProtocol) {
		return of(lineProtocol, (int) lineProtocol.chars().filter((c) -> c == '\n').count() + 1);
	}

	/**
	 * A batch read back as gzip (from the spool): its lines are counted when first asked
	 * (by the thread that writes it, not under the spool's lock), never kept as text.
	 */
	public static Batch ofGzip(byte[] gzip) {
		return new Batch(null, gzip, -1);
	}

	public synchronized int lines() {
		if (this.lines < 0) {
			this.lines = Gzip.countLines(this.gzip);
		}
		return this.lines;
	}

	/** The gzip bytes, compressed on the first call. */
	public synchronized byte[] gzip() {
		if (this.gzip == null) {
			this.gzip = Gzip.compress(this.parts);
		}
		return this.gzip;
	}

	/**
	 * The line protocol text (joined, or decompressed for a batch read as gzip, on each
	 * call).
	 */
	public String lineProtocol() {
		return (this.parts != null) ? String.join("\n", this.parts) : Gzip.decompress(this.gzip);
	}

}
