package care.vitals.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the end of a server log for error messages.
 */
final class LogTail {

	private static final int MAX_BYTES = 6 * 1024;

	private LogTail() {
	}

	/**
	 * Returns at most the last 6 KiB written to the log since {@code fromOffset}.
	 * @param log the log file
	 * @param fromOffset the file length before the server was launched
	 * @return the tail, or a note if the log cannot be read
	 */
	static String read(Path log, long fromOffset) {
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			long length = file.length();
			long start = Math.max(fromOffset, length - MAX_BYTES);
			byte[] bytes = new byte[(int) (length - start)];
			file.seek(start);
			file.readFully(bytes);
			String text = new String(bytes, StandardCharsets.UTF_8);
			return (start > fromOffset ? "...\n" : "") + (text.isBlank() ? "(empty)" : text);
		}
		catch (IOException ex) {
			return "(log not readable: " + ex.getMessage() + ")";
		}
	}

}
