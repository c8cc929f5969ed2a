package care.vitals.ingest.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import care.vitals.ingest.it.IngestProcess;

/**
 * A B B A: the baseline jar ({@code -Dbench.baseline}) and this build, each started
 * afresh and warmed, measured in turn: baseline first in odd rounds, last in even ones,
 * so that a trend over the run falls on both builds alike. One jar's drains spread +-18 %
 * here (docs/benchmarks.md, eighth round): one pair tells nothing. The baseline may have
 * its own JVM flags ({@code -Dbench.baseline.jvm.options}) or settings
 * ({@code -Dbench.baseline.env=NAME=value,...}, on top of the run's); pairs:
 * {@code -Dbench.rounds} (2).
 */
final class Alternation {

	private Alternation() {
	}

	/** What the benchmark measures of one build in an A B B A comparison. */
	@FunctionalInterface
	interface Slot {

		void measure(String build) throws Exception;

	}

	/** Replaces the ingest under test by another process, started and warmed. */
	@FunctionalInterface
	interface Restart {

		void to(IngestProcess next) throws Exception;

	}

	/** Whether this run compares against a baseline jar. */
	static boolean requested() {
		return System.getProperty("bench.baseline") != null;
	}

	/**
	 * Measures the baseline and this build in turn.
	 * @param work where the processes' logs go
	 * @param environment this build's environment
	 * @param restart how the benchmark replaces its ingest
	 * @param slot what it measures of each
	 */
	static void run(Path work, Map<String, String> environment, Restart restart, Slot slot) throws Exception {
		String baseline = System.getProperty("bench.baseline");
		String flags = System.getProperty("bench.baseline.jvm.options");
		List<String> options = (flags != null) ? List.of(flags.trim().split(" +")) : IngestProcess.JVM_OPTIONS;
		Map<String, String> baselineSettings = settings("bench.baseline.env");
		Map<String, String> baselineEnvironment = new HashMap<>(environment);
		baselineEnvironment.putAll(baselineSettings);
		String label = "baseline build (" + Path.of(baseline).getFileName()
				+ ((flags != null) ? ", `" + flags.trim() + "`" : "")
				+ (baselineSettings.isEmpty() ? "" : ", `" + baselineSettings + "`") + ")";
		int rounds = Integer.getInteger("bench.rounds", 2);
		for (int i = 0; i < 2 * rounds; i++) {
			boolean baselineNow = (i % 4 == 0) || (i % 4 == 3);
			String position = String.format(", slot %d of %d", i + 1, 2 * rounds);
			if (baselineNow) {
				restart.to(new IngestProcess(Path.of(baseline), options, baselineEnvironment,
						work.resolve("baseline-" + i + ".log")));
				slot.measure(label + position);
			}
			else {
				restart.to(new IngestProcess(environment, work.resolve("ingest-" + i + ".log")));
				slot.measure("this build" + position);
			}
		}
	}

	/** {@code NAME=value,NAME=value} from a system property. */
	static Map<String, String> settings(String property) {
		Map<String, String> settings = new HashMap<>();
		for (String setting : System.getProperty(property, "").split(",")) {
			if (setting.contains("=")) {
				settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
			}
		}
		return settings;
	}

}
