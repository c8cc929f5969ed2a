package care.vitals.ingest.spool;

import care.vitals.ingest.storage.Batch;

/**
 * One batch read back from the spool.
 *
 * @param segment sequence number of the segment file holding it
 * @param offset where its record starts in the segment
 * @param nextOffset where the next record starts
 * @param batch the batch as it was appended (still gzipped)
 */
public record SpooledBatch(long segment, long offset, long nextOffset, Batch batch) {

	/** The batch's line protocol text (decompressed on each call). */
	public String lineProtocol() {
		return this.batch.lineProtocol();
	}

}
