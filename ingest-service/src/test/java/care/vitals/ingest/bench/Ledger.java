package care.vitals.ingest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.VictoriaMetricsServer;

/**
 * What the broker acknowledged to the publishers against what InfluxDB holds: waits until
 * a phase's readings are stored, and reports a shortfall placed in time
 * ({@link Shortfall}) and told apart from the broker's own drops
 * ({@link BrokerStatistics}).
 */
final class Ledger {

	private static final String DATABASE = "bench";

	/** Readings stored from a time on; throws while the database cannot answer. */
	private final ToLongFunction<Instant> count;

	/** Points the database was asked to write since it started. */
	private final LongSupplier pointRequests;

	/** Where a shortfall lies, by 10-s window of the readings' timestamps. */
	private final Function<NavigableMap<Long, Long>, String> placement;

	private final BrokerStatistics broker;

	private final LoadPublisher publisher;

	private final List<String> shortfalls = new ArrayList<>();

	/** Readings the broker acknowledged, less what earlier phases reported lost. */
	private long published;

	private long stored;

	private long brokerDropped;

	private int countFailures;

	private String lastCountFailure;

	Ledger(InfluxDb1Server influx, BrokerStatistics broker, LoadPublisher publisher) {
		this((from) -> influx.count(DATABASE, "SELECT count(heart_rate) FROM vitals WHERE time >= '" + from + "'"),
				() -> influx.statistic("write", "pointReq"), (acked) -> Shortfall.describe(influx, DATABASE, acked),
				broker, publisher);
	}

	private Ledger(ToLongFunction<Instant> count, LongSupplier pointRequests,
			Function<NavigableMap<Long, Long>, String> placement, BrokerStatistics broker, LoadPublisher publisher) {
		this.count = count;
		this.pointRequests = pointRequests;
		this.placement = placement;
		this.broker = broker;
		this.publisher = publisher;
	}

	/**
	 * A ledger of readings in VictoriaMetrics (the ingest's v2 API), counted with PromQL;
	 * a shortfall is reported, not placed in time.
	 */
	static Ledger of(VictoriaMetricsServer victoria, BrokerStatistics broker, LoadPublisher publisher) {
		return new Ledger(
				(from) -> (long) victoria
					.queryNumber("sum(count_over_time(vitals_heart_rate[" + secondsBack(from) + "s]))"),
				() -> 0, (acked) -> "not placed in time (VictoriaMetrics)", broker, publisher);
	}

	/**
	 * From a time to now, a year at most: VictoriaMetrics answers nothing for decades.
	 */
	private static long secondsBack(Instant from) {
		return Math.min(Math.max(1, Duration.between(from, Instant.now()).toSeconds() + 1), 31_536_000L);
	}

	/** Readings the broker acknowledged in a phase. */
	void acked(long messages) {
		this.published += messages;
	}

	/**
	 * Counts every point stored so far as expected (after a drain, whose bursts come from
	 * {@code mosquitto_pub}, not the publishers).
	 */
	void settle() {
		this.stored = Math.max(this.stored, countSince(Instant.EPOCH));
		this.published = this.stored;
	}

	/** The shortfalls reported so far, one per phase that lost readings. */
	List<String> shortfalls() {
		return List.copyOf(this.shortfalls);
	}

	/** Points from a time on; 0 while InfluxDB is too busy to answer. */
	long countSince(Instant from) {
		try {
			return this.count.applyAsLong(from);
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Points InfluxDB was asked to write since it started, of every measurement (its
	 * {@code write} statistics: cheap, unlike a count; 0 for VictoriaMetrics).
	 */
	long pointsWritten() {
		try {
			return this.pointRequests.getAsLong();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Waits until everything acked by the broker is in InfluxDB, or 10 minutes pass, or
	 * the broker dropped readings and the count has stood still for a minute.
	 * @return the readings stored
	 */
	long awaitStored() throws InterruptedException {
		long deadline = System.nanoTime() + 600_000_000_000L;
		this.countFailures = 0;
		long last = -1;
		long unchangedSince = System.nanoTime();
		while (System.nanoTime() < deadline) {
			try {
				this.stored = this.count.applyAsLong(Instant.EPOCH);
			}
			catch (RuntimeException ex) {
				// InfluxDB still starting, or too busy to count in time
				this.countFailures++;
				this.lastCountFailure = ex.getMessage();
			}
			if (this.stored >= this.published) {
				return this.stored;
			}
			if (this.stored != last) {
				last = this.stored;
				unchangedSince = System.nanoTime();
			}
			else if (System.nanoTime() - unchangedSince > 60_000_000_000L
					&& this.broker.dropped() > this.brokerDropped) {
				// the broker dropped readings and nothing has been stored for a
				// minute: the rest will not come
				return this.stored;
			}
			Thread.sleep(500);
		}
		return this.stored;
	}

	/**
	 * Messages the broker acknowledged that are not in InfluxDB. More stored than acked
	 * means publishes whose PUBACK the publisher gave up waiting for (counted as refused)
	 * still arrived: shown, not a loss.
	 * @param drained the readings stored at the phase's end
	 * @param seconds how long the phase took
	 * @return the table's "lost" cell
	 */
	String lost(long drained, double seconds) {
		String verdict = verdict(drained, seconds);
		long dropped = this.broker.dropped() - this.brokerDropped;
		this.brokerDropped += dropped;
		System.out.println(Instant.now() + " broker: dropped " + dropped + " in this phase, holds "
				+ this.broker.stored() + " messages");
		return (dropped == 0) ? verdict : verdict + "; the broker dropped " + dropped + " (subscriber queue full)";
	}

	private String verdict(long drained, double seconds) {
		if (drained >= this.published) {
			long extra = drained - this.published;
			this.published = drained;
			return (extra == 0) ? "0" : "0 (" + extra + " stored whose PUBACK the publisher missed)";
		}
		String where = this.placement.apply(this.publisher.ackedBySecond(Instant.EPOCH)) + ((this.countFailures > 0)
				? String.format("; the count failed %d times, last: %s", this.countFailures, this.lastCountFailure)
				: "");
		this.shortfalls.add(where);
		System.out.println("Shortfall by 10 s window of the readings' timestamps: " + where);
		long lost = this.published - drained;
		// reported once: the next phase counts its own losses
		this.published = drained;
		return "LOST " + lost + " after " + String.format("%.0f s", seconds) + " (by window: see below the table)";
	}

}
