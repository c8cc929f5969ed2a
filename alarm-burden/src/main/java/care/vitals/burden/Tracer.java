package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.publisher.physiology.Vitals;

/**
 * A diagnostic trace of chosen beds ({@code -Dburden.trace=9,21}): every {@link #EVERY}
 * of simulated time around a scripted course, the noise-free and the artefact-free truth
 * with their NEWS2, the values the engine scores (the smoothed device values and staff
 * entries, with their age and source), the engine's last score and the bed's active
 * alarms. Printed to standard output; the report is unchanged.
 */
final class Tracer {

	static final Duration EVERY = Duration.ofSeconds(30);

	private final Set<Integer> beds;

	private final ClinicalEngine engine;

	Tracer(String beds, ClinicalEngine engine) {
		this.beds = (beds == null || beds.isBlank()) ? Set.of()
				: Arrays.stream(beds.split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
		this.engine = engine;
	}

	boolean traces(int bed) {
		return this.beds.contains(bed);
	}

	void trace(WardRun.Bed bed, Instant origin, Instant now) {
		Vitals expected = bed.truth.expected(now);
		Vitals truth = bed.truth.vitals(now);
		News2Score expectedScore = bed.truth.score(expected, now);
		News2Score truthScore = bed.truth.score(truth, now);
		StringBuilder line = new StringBuilder();
		line.append(String.format(Locale.ROOT, "trace bed %d %s | expected %s=%d%s | truth %s=%d | engine ",
				bed.plan.bed(), Report.span(Duration.between(origin, now)), vitals(expected), expectedScore.total(),
				expectedScore.singleParameterThree() ? "!" : "", vitals(truth), truthScore.total()));
		Map<News2Parameter, PatientVitalsWindow.Used> used = this.engine.vitals(bed.plan.patient());
		used.forEach((parameter, value) -> line.append(parameter.code())
			.append('=')
			.append(value.value())
			.append('(')
			.append(Duration.between(value.at(), now).toSeconds())
			.append("s ")
			.append(value.source().isStaff() ? "staff" : value.source().id().replace("burden-", ""))
			.append(") "));
		this.engine.news2(bed.plan.patient())
			.ifPresent((score) -> line.append("| score ")
				.append(score.total())
				.append(' ')
				.append(score.risk())
				.append(score.partial() ? " partial " + score.unavailable() : "")
				.append(" ")
				.append(score.subScores()));
		line.append(" | alarms");
		for (Alarm alarm : this.engine.active(bed.plan.patient())) {
			line.append(' ')
				.append(alarm.kind())
				.append('/')
				.append(alarm.priority())
				.append('/')
				.append(alarm.state());
		}
		System.out.println(line);
	}

	private static String vitals(Vitals v) {
		return String.format(Locale.ROOT, "hr%.0f rr%.0f spo2 %.0f t%.1f sbp%.0f %s%s", v.heartRate(), v.respRate(),
				v.spo2(), v.temperature(), v.systolic(), v.consciousness(), v.oxygen() ? " O2" : "");
	}

}
