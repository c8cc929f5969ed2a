package care.vitals.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import javax.management.JMException;
import javax.management.ObjectName;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.SilentPublishers;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;

/**
 * What the clinical engine holds per patient: the heap retained by a ward of monitored
 * patients (each admitted with one monitor sending the load publisher's six vitals every
 * second for five minutes of data time, so every smoothing window is full), measured
 * after full collections, and the CPU time and heap bytes one reading costs through the
 * engine. Writes its line into docs/benchmarks.md (between its {@code clinical-footprint}
 * markers; another file with {@code -Dbench.doc}).
 * <p>
 * Run: {@code ./mvnw -pl ingest-service test-compile exec:java
 * -Dexec.mainClass=care.vitals.ingest.bench.ClinicalFootprintBenchmark
 * -Dexec.classpathScope=test} ({@code -Dbench.patients}, default 2,000;
 * {@code -Dbench.histogram=30} prints the heap's 30 largest classes after it).
 */
public final class ClinicalFootprintBenchmark {

	private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

	private static final int SECONDS = 300;

	private static final Clock CLOCK = Clock.fixed(START.plusSeconds(SECONDS), ZoneOffset.UTC);

	private ClinicalFootprintBenchmark() {
	}

	public static void main(String[] args) throws IOException, JMException {
		int patients = Integer.getInteger("bench.patients", 2000);
		// a small ward first, thrown away: classes and caches loaded before the baseline
		ward(new ClinicalEngine(SilentPublishers.SETTINGS, SilentPublishers.OBSERVATIONS, CLOCK), 20);
		long before = retainedHeap();
		ClinicalEngine engine = new ClinicalEngine(SilentPublishers.SETTINGS, SilentPublishers.OBSERVATIONS, CLOCK);
		Work work = ward(engine, patients);
		long after = retainedHeap();
		long perPatient = (after - before) / patients;
		double microsPerReading = work.cpuNanos() / 1000.0 / work.readings();
		String line = String.format(
				"Clinical state: **%,d bytes per patient** (%,d patients, one monitor each, six vitals a second for "
						+ "%d s of data time: %,d KB retained), %.1f µs of CPU and %,d bytes allocated per reading "
						+ "through the engine (one thread, %s, Java %s).",
				perPatient, patients, SECONDS, (after - before) / 1024, microsPerReading,
				work.allocatedBytes() / work.readings(), LocalDate.now(), System.getProperty("java.version"));
		System.out.println(line);
		write(line);
		// what the heap holds, by class: -Dbench.histogram=30 (lines)
		int histogram = Integer.getInteger("bench.histogram", 0);
		if (histogram > 0) {
			String[] lines = ((String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { new String[0] }, new String[] { String[].class.getName() }))
				.split("\n");
			Arrays.stream(lines).limit(histogram + 3L).forEach(System.out::println);
		}
		// keeps the engine reachable until measured
		if (engine.news2("p-0").isEmpty()) {
			throw new IllegalStateException("no NEWS2 score for p-0");
		}
	}

	/**
	 * Admits a ward and feeds it {@link #SECONDS} of readings.
	 * @return what the engine did and cost
	 */
	private static Work ward(ClinicalEngine engine, int patients) {
		Assignment[] assignments = new Assignment[patients];
		for (int i = 0; i < patients; i++) {
			assignments[i] = assignment(i);
			engine.onAssignment(device(i), Optional.empty(), Optional.of(assignments[i]), false);
		}
		long readings = 0;
		long cpu = 0;
		long allocated = 0;
		for (int second = 0; second < SECONDS; second++) {
			Reading[] batch = new Reading[patients];
			for (int i = 0; i < patients; i++) {
				batch[i] = reading(i, second);
			}
			Instant receivedAt = START.plusSeconds(second);
			long started = threadCpu();
			long allocatedBefore = threadAllocated();
			for (int i = 0; i < patients; i++) {
				engine.onReading(assignments[i], batch[i], receivedAt);
			}
			allocated += threadAllocated() - allocatedBefore;
			cpu += threadCpu() - started;
			readings += patients;
		}
		return new Work(readings, cpu, allocated);
	}

	/**
	 * The readings taken through the engine, and the CPU time and heap bytes they cost on
	 * its thread.
	 */
	private record Work(long readings, long cpuNanos, long allocatedBytes) {
	}

	private static String device(int i) {
		return "dev-" + i;
	}

	private static Assignment assignment(int i) {
		return new Assignment("p-" + i, "ward-" + (i / 100), "bed-" + (i % 100), START);
	}

	/** The load publisher's values: heart rate 60-99, SpO2 90-99, the rest steady. */
	private static Reading reading(int i, int second) {
		long seq = (long) second * 2000 + i;
		Map<Parameter, Double> values = new EnumMap<>(Parameter.class);
		values.put(Parameter.HEART_RATE, (double) (60 + seq % 40));
		values.put(Parameter.SPO2, (double) (90 + seq % 10));
		values.put(Parameter.RESP_RATE, 16.0);
		values.put(Parameter.TEMPERATURE, 36.8);
		values.put(Parameter.SYSTOLIC_BP, 121.0);
		values.put(Parameter.DIASTOLIC_BP, 79.0);
		return Reading.of(device(i), START.plusSeconds(second), values);
	}

	private static long threadCpu() {
		return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
	}

	private static long threadAllocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	/** Heap in use after full collections, once it stops shrinking. */
	private static long retainedHeap() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			if (now >= used) {
				return now;
			}
			used = now;
		}
		return used;
	}

	private static void write(String line) throws IOException {
		Path doc = Path.of(System.getProperty("bench.doc", "../docs/benchmarks.md"));
		if (!Files.exists(doc)) {
			doc = Path.of("docs/benchmarks.md");
		}
		String text = Files.readString(doc);
		String start = "<!-- clinical-footprint:start -->";
		String end = "<!-- clinical-footprint:end -->";
		int from = text.indexOf(start);
		int to = text.indexOf(end);
		if (from < 0 || to < from) {
			System.out.println("no clinical-footprint markers in " + doc + ": not written");
			return;
		}
		Files.writeString(doc, text.substring(0, from + start.length()) + "\n" + line + "\n" + text.substring(to));
	}

}
