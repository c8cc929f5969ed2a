package care.vitals.ingest.station;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.settings.PatientSettings;

import org.springframework.stereotype.Component;

/**
 * The bed page's content, read from the clinical engine like the board: sub-scores, staff
 * observations, and the limits in force with "alarm off / limit changed" and who changed
 * them.
 */
@Component
class BedDetails {

	private final WardBoard board;

	private final ClinicalEngine engine;

	private final Clock clock;

	BedDetails(WardBoard board, ClinicalEngine engine, Clock clock) {
		this.board = board;
		this.engine = engine;
		this.clock = clock;
	}

	Optional<BedDetail> of(String ward, String bed) {
		Optional<BedView> view = this.board.beds(ward).stream().filter((b) -> b.bed().equals(bed)).findFirst();
		return view.map(this::detail);
	}

	private BedDetail detail(BedView view) {
		if (view.patients().size() != 1) {
			return new BedDetail(view, null, List.of(), List.of(), "", List.of(), List.of());
		}
		String patient = view.patients().get(0);
		Instant now = Instant.now(this.clock);
		PatientSettings settings = this.engine.settings(patient);
		return new BedDetail(view, patient, VitalsText.of(this.engine.vitals(patient), now),
				subScores(this.engine.news2(patient)), Integer.toString(settings.scale().number()),
				observations(patient, now), limits(patient, settings, now));
	}

	private static List<BedDetail.SubScore> subScores(Optional<News2Score> news2) {
		List<BedDetail.SubScore> rows = new ArrayList<>();
		for (News2Parameter parameter : News2Parameter.values()) {
			if (news2.isEmpty()) {
				rows.add(new BedDetail.SubScore(parameter.code(), null, "no score yet"));
				continue;
			}
			News2Score score = news2.get();
			String note = score.missing().contains(parameter) ? "missing"
					: score.stale().contains(parameter) ? "out of date" : "";
			rows.add(new BedDetail.SubScore(parameter.code(), score.subScores().get(parameter), note));
		}
		return rows;
	}

	private List<BedDetail.ObservationView> observations(String patient, Instant now) {
		return this.engine.observations(patient)
			.entries()
			.stream()
			.sorted(Comparator.comparing(StaffObservation::observedAt).reversed())
			.map((o) -> new BedDetail.ObservationView(Ages.ago(Duration.between(o.observedAt(), now)), o.observer(),
					describe(o)))
			.toList();
	}

	private List<BedDetail.LimitView> limits(String patient, PatientSettings settings, Instant now) {
		List<BedDetail.LimitView> limits = new ArrayList<>();
		for (Parameter parameter : Parameter.values()) {
			ThresholdRule rule = this.engine.rule(patient, parameter);
			if (rule == null) {
				continue;
			}
			String changed = settings.thresholds().containsKey(parameter) ? "changed by " + settings.updatedBy() + ", "
					+ Ages.ago(Duration.between(settings.updatedAt(), now)) : "";
			limits.add(new BedDetail.LimitView(parameter.canonicalName(), limits(rule), rule.delay().toSeconds() + " s",
					rule.enabled(), changed, number(rule.criticalLow()), number(rule.low()), number(rule.high()),
					number(rule.criticalHigh()), rule.delay().toSeconds(), unit(parameter)));
		}
		return limits;
	}

	private static String limits(ThresholdRule rule) {
		List<String> parts = new ArrayList<>();
		add(parts, "critical low", rule.criticalLow());
		add(parts, "low", rule.low());
		add(parts, "high", rule.high());
		add(parts, "critical high", rule.criticalHigh());
		return String.join(", ", parts);
	}

	private static String number(Double value) {
		return (value != null) ? VitalsText.number(value) : "";
	}

	/** The stored unit as a ward writes it. */
	static String unit(Parameter parameter) {
		return switch (parameter.storedUnit()) {
			case "mm[Hg]" -> "mmHg";
			case "Cel" -> "°C";
			default -> parameter.storedUnit();
		};
	}

	private static void add(List<String> parts, String name, Double value) {
		if (value != null) {
			parts.add(name + " " + ((value == Math.rint(value)) ? Long.toString(value.longValue()) : value.toString()));
		}
	}

	private static String describe(StaffObservation o) {
		List<String> parts = new ArrayList<>();
		if (o.consciousness() != null) {
			parts.add("ACVPU " + o.consciousness().name());
		}
		if (o.oxygen() != null) {
			parts.add(o.oxygen() ? "on oxygen" : "on air");
		}
		if (o.oxygenDevice() != null) {
			parts.add(o.oxygenDevice().replace('_', ' '));
		}
		if (o.oxygenFlow() != null) {
			parts.add(o.oxygenFlow() + " L/min");
		}
		o.values().forEach((parameter, value) -> parts.add(parameter.canonicalName() + " " + value));
		return String.join(", ", parts);
	}

}
