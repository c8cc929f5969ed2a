package care.vitals.burden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alarm burden benchmark ({@code bash bench/alarm-burden.sh}): runs the standard ward
 * through the clinical engine, prints the tables and writes them to the "Alarm burden"
 * section of docs/benchmarks.md, leaving the other sections as they are. Options as Java
 * properties: {@code burden.seed}, {@code burden.beds} (30), {@code burden.hours} (24),
 * {@code burden.write} ({@code true}).
 */
public final class AlarmBurdenBenchmark {

	private AlarmBurdenBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		long seed = Long.getLong("burden.seed", WardPlan.DEFAULT_SEED);
		int beds = Integer.getInteger("burden.beds", 30);
		int hours = Integer.getInteger("burden.hours", 24);
		WardPlan plan = WardPlan.standard(seed, beds, hours);
		System.out.println("alarm burden: " + beds + " beds, " + hours + " h, seed " + seed);
		long started = System.nanoTime();
		RunResult run = new WardRun(plan).run();
		Duration wall = Duration.ofNanos(System.nanoTime() - started);
		String section = new Report(new Tally(run)).markdown(LocalDate.now(ZoneOffset.UTC).toString(), wall);
		System.out.println(section);
		if (Boolean.parseBoolean(System.getProperty("burden.write", "true"))) {
			Path docs = repositoryRoot().resolve("docs").resolve("benchmarks.md");
			Files.writeString(docs, replaceSection(Files.readString(docs), section));
			System.out.println("written to " + docs);
		}
	}

	/**
	 * Replaces the generated section in a document, or appends it.
	 * @param document the document
	 * @param section the new section, with its markers
	 * @return the document with the new section
	 */
	static String replaceSection(String document, String section) {
		Pattern old = Pattern.compile(Pattern.quote(Report.START) + ".*?" + Pattern.quote(Report.END) + "\\n?",
				Pattern.DOTALL);
		Matcher matcher = old.matcher(document);
		if (matcher.find()) {
			return matcher.replaceFirst(Matcher.quoteReplacement(section));
		}
		return document + (document.endsWith("\n") ? "\n" : "\n\n") + section;
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("docs").resolve("benchmarks.md"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("run from inside the repository (docs/benchmarks.md not found)");
		}
		return dir;
	}

}
