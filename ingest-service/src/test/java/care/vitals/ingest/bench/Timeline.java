package care.vitals.ingest.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A phase second by second: readings stored and how many of them late (over 250 ms from
 * device time to durable), InfluxDB writes and the slowest, the ingest's collection
 * pauses, and the CPU of each process on the machine that takes part. Tells a tail made
 * of a few stalls from one spread over the phase, and whose stall it was:
 * {@code -Dbench.timeline=true}. Not free: each reading of the ingest's meters is a
 * password check (bcrypt, ~90 ms of the ingest's CPU here), so the ingest's column
 * includes ~9 % of a core that is the timeline's own.
 */
final class Timeline implements AutoCloseable {

	private static final double LATE = 0.25;

	private final IngestMeters meters;

	private final int port;

	private final Map<String, Long> pids;

	private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

	private final long start = System.nanoTime();

	private Sample last;

	/**
	 * @param pids the processes whose CPU to show, by name
	 */
	Timeline(IngestMeters meters, int port, Map<String, Long> pids) throws IOException, InterruptedException {
		this.meters = meters;
		this.port = port;
		this.pids = new LinkedHashMap<>(pids);
		this.last = sample();
		this.clock.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
	}

	private record Sample(long nanos, Map<Double, Long> lag, Map<Double, Long> writes, Map<String, double[]> pauses,
			Map<String, Long> ticks) {

	}

	private Sample sample() throws IOException, InterruptedException {
		Map<String, Long> ticks = new LinkedHashMap<>();
		for (Map.Entry<String, Long> process : this.pids.entrySet()) {
			ticks.put(process.getKey(), DrainPhase.cpuTicks(process.getValue()));
		}
		IngestMeters.Scrape scrape = this.meters.scrape(this.port);
		return new Sample(System.nanoTime(), scrape.lag(), scrape.writes(), scrape.pauses(), ticks);
	}

	private void print() {
		try {
			Sample now = sample();
			Sample then = this.last;
			this.last = now;
			Map<Double, Long> lag = IngestMeters.difference(now.lag(), then.lag());
			Map<Double, Long> writes = IngestMeters.difference(now.writes(), then.writes());
			long stored = lag.getOrDefault(Double.POSITIVE_INFINITY, 0L);
			long late = stored - lag.getOrDefault(LATE, 0L);
			double seconds = (now.nanos() - then.nanos()) / 1e9;
			StringBuilder cpu = new StringBuilder();
			now.ticks()
				.forEach((name, ticks) -> cpu
					.append(String.format(" %s %.0f", name, (ticks - then.ticks().get(name)) / seconds)));
			System.out.printf(
					"timeline %5.1f s: stored %,7d late %,7d | writes %3d slowest %s | pauses %s | cpu %%%s%n",
					(now.nanos() - this.start) / 1e9, stored, late, writes.getOrDefault(Double.POSITIVE_INFINITY, 0L),
					IngestMeters.percentile(writes, 1.0), IngestMeters.pausesSince(now.pauses(), then.pauses()), cpu);
		}
		catch (IOException | RuntimeException ex) {
			System.out.println("timeline: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.clock.shutdownNow();
	}

}
