package care.vitals.publisher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and memory of a process, read from {@code /proc} (Linux): for benchmark reports.
 *
 * @param cpuSeconds user + system CPU time so far, seconds
 * @param rssBytes resident set size, bytes
 * @param threads number of threads
 */
public record ProcessMetrics(double cpuSeconds, long rssBytes, int threads) {

	private static final double TICKS_PER_SECOND = 100;

	/**
	 * Reads the metrics of a process.
	 * @param pid the process id
	 * @return the metrics, zeros where {@code /proc} cannot be read
	 */
	public static ProcessMetrics of(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
			int threads = Integer.parseInt(fields[17]);
			long rss = Long.parseLong(fields[21]) * 4096;
			return new ProcessMetrics(cpu, rss, threads);
		}
		catch (IOException | RuntimeException ex) {
			return new ProcessMetrics(0, 0, 0);
		}
	}

	/**
	 * Reads the metrics of this JVM.
	 * @return the metrics
	 */
	public static ProcessMetrics self() {
		return of(ProcessHandle.current().pid());
	}

	/**
	 * Returns the heap in use after a full collection.
	 * @return bytes
	 */
	public static long liveHeapBytes() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
