package care.vitals.ingest.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import care.vitals.ingest.storage.Batch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Append-only, crash-safe, disk-bounded FIFO of line-protocol batches.
 * <p>
 * Each batch is one record: {@code magic (4) | length (4) | crc32c (4) | gzip payload}.
 * An append returns only after the record is written and {@code fsync}ed, so an
 * acknowledged batch survives SIGKILL and power loss. On open, every segment is scanned;
 * a torn or corrupt record (short header, short payload, bad magic or checksum, the
 * result of a crash mid-append) and everything after it in that segment is cut off and
 * never replayed. Segments are deleted once every record in them has been committed.
 * There is no expiry: data leaves the spool only by being written to InfluxDB.
 */
public final class Spool implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Spool.class);

	static final int MAGIC = 0x56535031; // "VSP1"

	static final int HEADER = 12;

	private final Path dir;

	private final long budget;

	private final long segmentSize;

	/** Segment sequence number to its size on disk. */
	private final TreeMap<Long, Long> segments = new TreeMap<>();

	private FileChannel writer;

	private long writerSegment = -1;

	private long readSegment = -1;

	private long readOffset;

	private long bytes;

	private long batches;

	private long discardedBytes;

	public Spool(Path dir, long budget, long segmentSize) {
		this.dir = dir;
		this.budget = budget;
		this.segmentSize = segmentSize;
		try {
			Files.createDirectories(dir);
			recover();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open spool in " + dir, ex);
		}
	}

	/**
	 * Appends one batch durably.
	 * @return false when the disk budget would be exceeded (nothing was written)
	 */
	public synchronized boolean append(Batch batch) {
		byte[] payload = batch.gzip();
		int recordSize = HEADER + payload.length;
		if (this.bytes + recordSize > this.budget) {
			return false;
		}
		try {
			if (this.writer == null || this.segments.get(this.writerSegment) >= this.segmentSize) {
				startSegment();
			}
			ByteBuffer record = ByteBuffer.allocate(recordSize);
			record.putInt(MAGIC).putInt(payload.length).putInt(crc(payload)).put(payload).flip();
			while (record.hasRemaining()) {
				this.writer.write(record);
			}
			this.writer.force(false);
			this.segments.merge(this.writerSegment, (long) recordSize, Long::sum);
			this.bytes += recordSize;
			this.batches++;
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot append to spool in " + this.dir, ex);
		}
	}

	/** The oldest batch not yet committed, if any. */
	public synchronized Optional<SpooledBatch> oldest() {
		List<SpooledBatch> oldest = oldest(1);
		return oldest.isEmpty() ? Optional.empty() : Optional.of(oldest.get(0));
	}

	/**
	 * Up to {@code max} of the oldest batches not yet committed, in order, so several can
	 * be written at once; they are still committed one by one, in order.
	 */
	public synchronized List<SpooledBatch> oldest(int max) {
		List<SpooledBatch> oldest = new ArrayList<>();
		if (this.batches == 0) {
			return oldest;
		}
		if (this.readSegment < 0 || !this.segments.containsKey(this.readSegment)) {
			this.readSegment = this.segments.firstKey();
			this.readOffset = 0;
		}
		Long segment = this.readSegment;
		long offset = this.readOffset;
		while (segment != null && oldest.size() < max && oldest.size() < this.batches) {
			if (offset >= this.segments.get(segment)) {
				segment = this.segments.higherKey(segment);
				offset = 0;
				continue;
			}
			SpooledBatch batch = read(segment, offset);
			oldest.add(batch);
			offset = batch.nextOffset();
		}
		return oldest;
	}

	private SpooledBatch read(long segment, long offset) {
		try (FileChannel channel = FileChannel.open(segmentPath(segment), StandardOpenOption.READ)) {
			ByteBuffer header = ByteBuffer.allocate(HEADER);
			channel.read(header, offset);
			header.flip();
			header.getInt();
			byte[] payload = new byte[header.getInt()];
			header.getInt();
			ByteBuffer body = ByteBuffer.wrap(payload);
			long position = offset + HEADER;
			while (body.hasRemaining()) {
				position += channel.read(body, position);
			}
			return new SpooledBatch(segment, offset, position, Batch.ofGzip(payload));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read spool segment " + segment, ex);
		}
	}

	/** Removes a batch returned by {@link #oldest()} once it is safely in InfluxDB. */
	public synchronized void commit(SpooledBatch batch) {
		if ((this.readSegment < 0 || !this.segments.containsKey(this.readSegment)) && !this.segments.isEmpty()) {
			this.readSegment = this.segments.firstKey();
			this.readOffset = 0;
		}
		if (batch.segment() != this.readSegment || batch.offset() != this.readOffset) {
			throw new IllegalStateException("Spool batches must be committed in order");
		}
		this.readOffset = batch.nextOffset();
		this.batches--;
		long segmentBytes = this.segments.get(this.readSegment);
		if (this.readOffset >= segmentBytes) {
			deleteSegment(this.readSegment);
			this.bytes -= segmentBytes;
			this.readSegment = -1;
			this.readOffset = 0;
		}
	}

	/** Bytes on disk, including committed batches in a partly replayed segment. */
	public synchronized long bytes() {
		return this.bytes;
	}

	/** Batches waiting to be replayed. */
	public synchronized long batches() {
		return this.batches;
	}

	/** Bytes cut off at open because a record was torn or corrupt. */
	public synchronized long discardedBytes() {
		return this.discardedBytes;
	}

	public long budget() {
		return this.budget;
	}

	@Override
	public synchronized void close() {
		closeWriter();
	}

	private void recover() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			files.filter((file) -> file.getFileName().toString().matches("\\d{20}\\.spool"))
				.forEach((file) -> this.segments.put(sequence(file), 0L));
		}
		for (Long segment : this.segments.keySet()) {
			this.segments.put(segment, scan(segment));
		}
		this.segments.entrySet().removeIf((entry) -> {
			if (entry.getValue() == 0) {
				deleteSegment(entry.getKey());
				return true;
			}
			return false;
		});
		this.bytes = this.segments.values().stream().mapToLong(Long::longValue).sum();
		if (this.batches > 0) {
			logger
				.info("Spool " + this.dir + " holds " + this.batches + " batches (" + this.bytes + " bytes) to replay");
		}
	}

	/** Counts the valid records of a segment and cuts off a torn or corrupt tail. */
	private long scan(long segment) throws IOException {
		Path path = segmentPath(segment);
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = channel.size();
			long offset = 0;
			ByteBuffer header = ByteBuffer.allocate(HEADER);
			while (offset + HEADER <= size) {
				header.clear();
				channel.read(header, offset);
				header.flip();
				int magic = header.getInt();
				int length = header.getInt();
				int crc = header.getInt();
				if (magic != MAGIC || length < 0 || offset + HEADER + length > size) {
					break;
				}
				ByteBuffer payload = ByteBuffer.allocate(length);
				channel.read(payload, offset + HEADER);
				if (crc(payload.array()) != crc) {
					break;
				}
				offset += HEADER + length;
				this.batches++;
			}
			if (offset < size) {
				logger.warn("Spool segment " + path + ": discarding " + (size - offset)
						+ " bytes of a torn or corrupt record at offset " + offset);
				this.discardedBytes += size - offset;
				channel.truncate(offset);
				channel.force(true);
			}
			return offset;
		}
	}

	private void startSegment() throws IOException {
		closeWriter();
		long next = this.segments.isEmpty() ? 1 : this.segments.lastKey() + 1;
		this.writer = FileChannel.open(segmentPath(next), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		this.writerSegment = next;
		this.segments.put(next, 0L);
		try (FileChannel directory = FileChannel.open(this.dir, StandardOpenOption.READ)) {
			directory.force(true);
		}
	}

	private void deleteSegment(long segment) {
		if (segment == this.writerSegment) {
			closeWriter();
		}
		this.segments.remove(segment);
		try {
			Files.deleteIfExists(segmentPath(segment));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete spool segment " + segment, ex);
		}
	}

	private void closeWriter() {
		if (this.writer != null) {
			try {
				this.writer.close();
			}
			catch (IOException ex) {
				logger.warn("Cannot close spool segment " + this.writerSegment, ex);
			}
			this.writer = null;
			this.writerSegment = -1;
		}
	}

	private Path segmentPath(long segment) {
		return this.dir.resolve(String.format("%020d.spool", segment));
	}

	private static long sequence(Path file) {
		return Long.parseLong(file.getFileName().toString().substring(0, 20));
	}

	private static int crc(byte[] payload) {
		CRC32C crc = new CRC32C();
		crc.update(payload);
		return (int) crc.getValue();
	}

}
