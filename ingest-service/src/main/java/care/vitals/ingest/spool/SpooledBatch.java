package care.vitals.ingest.spool;

/**
 * One batch read back from the spool.
 *
 * @param segment sequence number of the segment file holding it
 * @param offset where its record starts in the segment
 * @param nextOffset where the next record starts
 * @param lineProtocol the batch as it was appended
 */
public record SpooledBatch(long segment, long offset, long nextOffset, String lineProtocol) {
}
