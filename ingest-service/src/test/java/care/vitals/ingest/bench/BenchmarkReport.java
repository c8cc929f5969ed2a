package care.vitals.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;

import care.vitals.ingest.it.IngestProcess;

/**
 * Writes the benchmark's tables into docs/benchmarks.md (between its
 * {@code ingest-benchmark} markers) and prints them.
 */
final class BenchmarkReport {

	private BenchmarkReport() {
	}

	/**
	 * What a full run measured.
	 *
	 * @param rows the phase rows
	 * @param drainRows the drain rows
	 * @param shortfalls where readings were missing, if any
	 * @param alarmRow the alarm detection line
	 */
	record Results(List<String> rows, List<String> drainRows, List<String> shortfalls, String alarmRow) {
	}

	static void write(Results results, int seconds, int outage, boolean assigned) throws IOException {
		String cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.findFirst()
			.map((line) -> line.substring(line.indexOf(':') + 2))
			.orElse("unknown CPU");
		StringBuilder section = new StringBuilder();
		section.append("<!-- ingest-benchmark:start -->\n")
			.append("## Ingest: MQTT to InfluxDB 1.x, end to end\n\n")
			.append("Run ")
			.append(LocalDate.now())
			.append(" with `bench/ingest.sh` on ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores (")
			.append(cpuModel)
			.append("), Mosquitto 2.0.11 (saving its store every 60 s, as deployed), InfluxDB 1.6.7, the ingest jar (")
			.append(String.join(" ", IngestProcess.JVM_OPTIONS))
			.append(") and the load publisher all on ")
			.append("this one machine. Compact JSON, 6 vitals per message, QoS 1, 2,000 logical devices over 4 ")
			.append("connections")
			.append(assigned ? ", each admitted to its own patient (the clinical engine scores every reading), "
					: " (unassigned), ")
			.append(seconds)
			.append(" s per phase. \"Lost\" compares messages the broker acknowledged to the publisher with ")
			.append("points counted in InfluxDB after the phase. Latency is device timestamp to durable (InfluxDB ")
			.append("2xx or spool fsync), from the ingest's `ingest.lag` histogram (bucket upper bounds). CPU is ")
			.append("the ingest process's user+system time per message. RSS is the ingest's resident memory ")
			.append("after the phase; peak is its high-water mark since the JVM started (VmHWM).\n\n")
			.append("| phase | messages | msg/s | values/s | p50 | p99 | ingest CPU µs/msg | ingest RSS | peak RSS | lost |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|\n");
		results.rows().forEach((row) -> section.append(row).append('\n'));
		section.append("\nThe \"pipelined publisher\" row: the Java load publisher (Paho) offers no more than 10-12 k ")
			.append("msg/s on this machine, so the benchmark writes MQTT 3.1.1 QoS 1 publications itself, pipelined on ")
			.append(PipelinedPublisher.CONNECTIONS)
			.append(" sockets every ")
			.append(PipelinedPublisher.TICK_MILLIS)
			.append(" ms, ")
			.append(PipelinedPublisher.DEVICES)
			.append(" devices each admitted to its own patient, each message's device time the moment it was ")
			.append("written; messages are those the broker acknowledged.\n");
		section.append("\nDrain (issue #16): a burst published by ")
			.append(DrainPhase.PUBLISHERS)
			.append(" `mosquitto_pub -q 1 -l` processes (one device each")
			.append(assigned ? ", admitted: every reading scored" : "")
			.append(") while the subscriber is stopped (SIGSTOP: connected, warm, not reading), so the broker ")
			.append("queues it; timed from SIGCONT until a plain `mosquitto_sub -q 1` has received all (on a topic ")
			.append("the ingest does not consume), and until InfluxDB counts all from the ingest (after ")
			.append(IngestBenchmark.WARM_BURSTS)
			.append(" unrecorded burst(s) to warm a freshly started build's JIT, which first gets the warm-up phase so ")
			.append("that every patient has clinical state; CPU per message in the measured burst); ")
			.append("same broker, same run.\n\n")
			.append("The broker's CPU per message is its CPU while it sent the burst to `mosquitto_sub` / to the ingest.\n\n")
			.append("| burst | build | mosquitto_sub | ingest | ratio | ingest CPU µs/msg | broker CPU µs/msg | allocated per msg | GC pauses per msg | ingest peak RSS |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|\n");
		results.drainRows().forEach((row) -> section.append(row).append('\n'));
		section.append("\nOutage phase: ").append(outage).append(" s of InfluxDB down while publishing continues.\n");
		results.shortfalls()
			.forEach((where) -> section.append("\nShortfall by 10 s window: ").append(where).append('\n'));
		section.append("\nAlarm detection: ").append(results.alarmRow()).append('\n');
		section.append("<!-- ingest-benchmark:end -->\n");
		Path docs = IngestProcess.repositoryRoot().resolve("docs").resolve("benchmarks.md");
		String existing = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n\n";
		String updated = existing.contains("<!-- ingest-benchmark:start -->")
				? existing.replaceAll("(?s)<!-- ingest-benchmark:start -->.*<!-- ingest-benchmark:end -->\n",
						Matcher.quoteReplacement(section.toString()))
				: existing + "\n" + section;
		Files.writeString(docs, updated);
		System.out.println(section);
	}

}
