package care.vitals.ingest.api;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.ingest.storage.Lines;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.PatientSettingsCodec;
import care.vitals.model.id.Identifiers;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.observation.PatientObservations;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.web.Conflict;
import care.vitals.web.InvalidRequest;
import care.vitals.web.NotFound;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-patient clinical settings: the latest NEWS2, the prescribed SpO2 scale,
 * observations entered by staff (ACVPU, air or oxygen, manual vital signs), and alarm
 * threshold overrides. Scale and overrides are published retained on
 * {@code patients/{patient}/settings} before they take effect, so they survive restarts
 * and reach every instance; if the broker does not take them the request fails and
 * nothing changes. Every change is written to {@code activity} with its actor.
 */
@RestController
@RequestMapping("/api/patients/{patient}")
class PatientController {

	private final ClinicalEngine engine;

	private final AssignmentHistory registry;

	private final ClinicalRecorder recorder;

	private final PatientSettingsCodec settingsCodec = new PatientSettingsCodec(DecodeLimits.defaults());

	PatientController(ClinicalEngine engine, AssignmentHistory registry, ClinicalRecorder recorder) {
		this.engine = engine;
		this.registry = registry;
		this.recorder = recorder;
	}

	@GetMapping("/news2")
	Map<String, Object> news2(@PathVariable String patient) {
		News2Score score = this.engine.news2(valid(patient))
			.orElseThrow(() -> new NotFound("no NEWS2 score for patient " + patient));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patient", patient);
		body.put("total", score.total());
		body.put("risk", score.risk().code());
		body.put("response", score.response());
		body.put("scale", score.scale().number());
		body.put("partial", score.partial());
		Map<String, Integer> subScores = new LinkedHashMap<>();
		score.subScores().forEach((parameter, sub) -> subScores.put(parameter.code(), sub));
		body.put("subScores", subScores);
		body.put("unavailable", score.unavailable().stream().map((p) -> p.code()).toList());
		body.put("at", score.at());
		return body;
	}

	/**
	 * The settings in force, as kept retained on {@code patients/{patient}/settings}.
	 */
	@GetMapping(path = "/settings", produces = MediaType.APPLICATION_JSON_VALUE)
	byte[] settings(@PathVariable String patient) {
		return this.settingsCodec.encode(this.engine.settings(valid(patient)));
	}

	@PutMapping("/spo2-scale")
	Map<String, Object> scale(@PathVariable String patient, @RequestBody ScaleRequest request, Principal actor) {
		SpO2Scale scale = switch (request.scale()) {
			case 1 -> SpO2Scale.SCALE_1;
			case 2 -> SpO2Scale.SCALE_2;
			default -> throw new InvalidRequest("scale must be 1 or 2");
		};
		String ward = admittedWard(valid(patient));
		Instant now = this.recorder.now();
		ClinicalEngine.Change change = this.engine.change(patient,
				(current) -> current.withScale(scale, actor.getName(), now));
		this.recorder.record("settings", actor.getName(), patient, ward, "SpO2 scale " + scale.number() + " prescribed",
				change.outcome());
		return Map.of("patient", patient, "scale", scale.number());
	}

	/**
	 * Records what a member of staff observed, at the time it was observed (now if not
	 * given; at most {@link PatientObservations#KEPT} back): ACVPU, air or oxygen (with
	 * device and flow), manual vital signs. Stored as a staff-sourced reading, published
	 * retained for every instance and restart, and scored: it wins over device values of
	 * the same parameter while fresh.
	 */
	@PostMapping("/observations")
	Map<String, Object> observe(@PathVariable String patient, @RequestBody ObservationRequest request,
			Principal actor) {
		Assignment location = this.registry.location(valid(patient)).orElseThrow(() -> notAdmitted(patient));
		Instant now = this.recorder.now();
		Instant observedAt = (request.observedAt() != null) ? request.observedAt() : now;
		if (observedAt.isAfter(now.plusSeconds(60)) || observedAt.isBefore(now.minus(PatientObservations.KEPT))) {
			throw new InvalidRequest("observedAt must lie between " + PatientObservations.KEPT.toHours()
					+ " h ago and now, not " + observedAt);
		}
		Consciousness consciousness = (request.consciousness() != null)
				? Consciousness.fromCode(request.consciousness())
					.orElseThrow(() -> new InvalidRequest("consciousness must be one of A, C, V, P, U"))
				: null;
		Map<Parameter, Double> values = values(request.values());
		StaffObservation observation = InvalidRequest.validating(() -> new StaffObservation(observedAt, actor.getName(),
				values, request.oxygen(), request.oxygenDevice(), request.oxygenFlow(), consciousness));
		String stored = Lines.staffObservation(observation, location);
		this.recorder.record("observation", actor.getName(), patient, location.ward(),
				"observed at " + observedAt + ": " + describe(observation), List.of(stored),
				this.engine.observe(location, observation));
		return Map.of("patient", patient, "observedAt", observedAt, "observer", actor.getName());
	}

	private static Map<Parameter, Double> values(Map<String, Double> requested) {
		Map<Parameter, Double> values = new LinkedHashMap<>();
		if (requested != null) {
			requested.forEach((name, value) -> values.put(parameter(name), value));
		}
		return values;
	}

	private static String describe(StaffObservation observation) {
		StringBuilder text = new StringBuilder();
		if (observation.consciousness() != null) {
			text.append("consciousness=").append(observation.consciousness().name()).append(' ');
		}
		if (observation.oxygen() != null) {
			text.append("oxygen=").append(observation.oxygen()).append(' ');
		}
		if (observation.oxygenDevice() != null) {
			text.append("device=").append(observation.oxygenDevice()).append(' ');
		}
		if (observation.oxygenFlow() != null) {
			text.append("flow=").append(observation.oxygenFlow()).append("L/min ");
		}
		observation.values()
			.forEach((parameter, value) -> text.append(parameter).append('=').append(value).append(' '));
		return text.toString().trim();
	}

	@PutMapping("/thresholds/{parameter}")
	Object override(@PathVariable String patient, @PathVariable String parameter, @RequestBody ThresholdRequest request,
			Principal actor) {
		Parameter p = parameter(parameter);
		String ward = admittedWard(valid(patient));
		var current = this.engine.rule(patient, p);
		if (current == null) {
			throw new InvalidRequest("parameter " + parameter + " has no threshold alarm");
		}
		if (request.delaySeconds() != null
				&& (request.delaySeconds() < 0 || request.delaySeconds() > MAX_DELAY.toSeconds())) {
			throw new InvalidRequest("delaySeconds must be between 0 and " + MAX_DELAY.toSeconds() + ", not "
					+ request.delaySeconds() + " (a longer delay would hide a real deterioration)");
		}
		Instant requestedAt = this.recorder.now();
		if (request.expiresAt() != null && (!request.expiresAt().isAfter(requestedAt)
				|| request.expiresAt().isAfter(requestedAt.plus(MAX_EXPIRY)))) {
			throw new InvalidRequest("expiresAt must lie in the future and at most " + MAX_EXPIRY.toDays()
					+ " days ahead, not " + request.expiresAt());
		}
		possible(p, "critical low", request.criticalLow());
		possible(p, "low", request.low());
		possible(p, "high", request.high());
		possible(p, "critical high", request.criticalHigh());
		var rule = InvalidRequest.validating(() -> {
			// a change merges with the limits in force: a limit not given stays as it is
			// (a critical limit can be moved, never dropped by omission)
			var limits = current.withLimits(or(request.criticalLow(), current.criticalLow()),
					or(request.low(), current.low()), or(request.high(), current.high()),
					or(request.criticalHigh(), current.criticalHigh()));
			var delayed = (request.delaySeconds() != null)
					? limits.withDelay(Duration.ofSeconds(request.delaySeconds())) : limits;
			return (request.enabled() != null) ? delayed.withEnabled(request.enabled()) : delayed;
		});
		Instant now = this.recorder.now();
		ClinicalEngine.Change change = this.engine.change(patient,
				(settings) -> settings.withThreshold(rule, request.expiresAt(), actor.getName(), now));
		this.recorder.record("threshold", actor.getName(), patient, ward, "override " + parameter + ": " + request,
				change.outcome());
		return rule;
	}

	@DeleteMapping("/thresholds/{parameter}")
	Object clear(@PathVariable String patient, @PathVariable String parameter, Principal actor) {
		Parameter p = parameter(parameter);
		String ward = admittedWard(valid(patient));
		Instant now = this.recorder.now();
		ClinicalEngine.Change change = this.engine.change(patient,
				(settings) -> settings.withoutThreshold(p, actor.getName(), now));
		this.recorder.record("threshold", actor.getName(), patient, ward, "override of " + parameter + " cleared",
				change.outcome());
		return this.engine.rule(patient, p);
	}

	/**
	 * A limit outside the values the parameter can take would never alarm (or always):
	 * refused, naming the range.
	 */
	private static void possible(Parameter parameter, String name, Double limit) {
		if (limit != null && !parameter.plausibleRange().contains(limit)) {
			throw new InvalidRequest(parameter + " " + name + " limit "
					+ ((limit == Math.rint(limit)) ? Long.toString(limit.longValue()) : limit.toString())
					+ " lies outside the possible values " + parameter.plausibleRange() + " " + parameter.storedUnit());
		}
	}

	private String ward(String patient) {
		return this.registry.location(patient).map(Assignment::ward).orElse(null);
	}

	/**
	 * Settings last from admission to discharge, so they are only changed for a patient
	 * with a device assigned.
	 */
	private String admittedWard(String patient) {
		String ward = ward(patient);
		if (ward == null) {
			throw notAdmitted(patient);
		}
		return ward;
	}

	private static Conflict notAdmitted(String patient) {
		return new Conflict("patient " + patient + " is not admitted");
	}

	private static Parameter parameter(String name) {
		return Parameter.byName(name)
			.orElseThrow(() -> new InvalidRequest(
					"unknown parameter " + (Identifiers.isValid(name) ? name : "(invalid name)")));
	}

	private static String valid(String patient) {
		return InvalidRequest.validating(() -> Identifiers.requireValid(patient, "patient"));
	}

	record ScaleRequest(int scale) {
	}

	/**
	 * A staff observation; every field optional, at least one observation.
	 *
	 * @param observedAt when it was observed, or {@code null} for now
	 * @param consciousness ACVPU code
	 * @param oxygen on supplemental oxygen ({@code false}: on air)
	 * @param oxygenDevice how oxygen is delivered, e.g. {@code nasal_cannula}
	 * @param oxygenFlow L/min
	 * @param values manual vital signs by parameter name, in stored units
	 */
	record ObservationRequest(Instant observedAt, String consciousness, Boolean oxygen, String oxygenDevice,
			Double oxygenFlow, Map<String, Double> values) {
	}

	/** The longest alarm delay the API accepts. */
	static final Duration MAX_DELAY = Duration.ofSeconds(120);

	private static Double or(Double requested, Double current) {
		return (requested != null) ? requested : current;
	}

	record ThresholdRequest(Double criticalLow, Double low, Double high, Double criticalHigh, Long delaySeconds,
			Boolean enabled, Instant expiresAt) {
	}

	/** The furthest an override's expiry may lie ahead. */
	static final Duration MAX_EXPIRY = Duration.ofDays(7);

}
