package care.vitals.ingest.api;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.ingest.mqtt.RetainedPublisher;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.AssignmentCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.id.Identifiers;
import care.vitals.model.topic.Topics;
import care.vitals.web.InvalidRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admit, transfer and discharge: a device's assignment to a patient, ward and bed. The
 * assignment is published retained on {@code assignments/{deviceId}} (so it survives
 * restarts and every ingest instance learns it); the registry and the clinical engine
 * follow from that message. Discharging a patient's last device also clears the patient's
 * retained settings and staff observations. Every change is written to {@code activity}
 * with its actor.
 */
@RestController
@RequestMapping("/api/assignments")
class AssignmentController {

	private final AssignmentHistory registry;

	private final ClinicalRecorder recorder;

	private final RetainedPublisher retained;

	private final AssignmentCodec codec = new AssignmentCodec(DecodeLimits.defaults());

	private final SettingsPublisher settings;

	private final ObservationsPublisher observations;

	AssignmentController(AssignmentHistory registry, ClinicalRecorder recorder, RetainedPublisher retained,
			SettingsPublisher settings, ObservationsPublisher observations) {
		this.observations = observations;
		this.registry = registry;
		this.recorder = recorder;
		this.retained = retained;
		this.settings = settings;
	}

	/** How far back an admission or transfer may be dated. */
	static final Duration MAX_BACKDATING = Duration.ofHours(24);

	@GetMapping
	Map<String, Assignment> all() {
		return this.registry.all();
	}

	@PutMapping("/{deviceId}")
	ResponseEntity<Assignment> assign(@PathVariable String deviceId, @RequestBody AssignmentRequest request,
			Principal actor) {
		validDevice(deviceId);
		Instant since = since(request.since());
		Assignment assignment = InvalidRequest
			.validating(() -> new Assignment(request.patient(), request.ward(), request.bed(), since));
		Optional<Assignment> previous = this.registry.current(deviceId);
		previous.filter((p) -> !p.patient().equals(assignment.patient()))
			.ifPresent((p) -> clearSettingsIfLastDevice(p.patient(), deviceId));
		publish(deviceId, this.codec.encode(assignment));
		String kind = previous.filter((p) -> p.patient().equals(assignment.patient())).isPresent() ? "transfer"
				: "admit";
		this.recorder.record(kind, actor.getName(), assignment.patient(), assignment.ward(),
				kind + " device " + deviceId + " to patient " + assignment.patient() + " in " + assignment.ward() + "/"
						+ assignment.bed());
		return ResponseEntity.ok(assignment);
	}

	@DeleteMapping("/{deviceId}")
	ResponseEntity<Void> discharge(@PathVariable String deviceId, Principal actor) {
		validDevice(deviceId);
		Optional<Assignment> previous = this.registry.current(deviceId);
		previous.ifPresent((p) -> clearSettingsIfLastDevice(p.patient(), deviceId));
		publish(deviceId, this.codec.encodeDischarge());
		this.recorder.record("discharge", actor.getName(), previous.map(Assignment::patient).orElse(null),
				previous.map(Assignment::ward).orElse(null), "discharge device " + deviceId);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Settings last from admission to discharge: when a patient's last device leaves, the
	 * retained settings are cleared first, here and once (not by every instance that sees
	 * the discharge, where a late clear could erase the settings of a readmission). If
	 * the broker does not take it, the request fails and nothing changes.
	 */
	private void clearSettingsIfLastDevice(String patient, String deviceId) {
		boolean otherDevices = this.registry.all()
			.entrySet()
			.stream()
			.anyMatch((e) -> !e.getKey().equals(deviceId) && e.getValue().patient().equals(patient));
		if (!otherDevices) {
			this.settings.clear(patient);
			this.observations.clear(patient);
		}
	}

	/**
	 * Publishes the assignment retained and returns once the broker has it; if the broker
	 * does not take it the request is 503 and the assignment is unchanged.
	 */
	private void publish(String deviceId, byte[] payload) {
		this.retained.publish(Topics.assignment(deviceId), payload, "the assignment of device " + deviceId);
	}

	private static void validDevice(String deviceId) {
		InvalidRequest.validating(() -> Identifiers.requireValid(deviceId, "device id"));
	}

	/**
	 * When the device was put on the patient: now, or the time the request gives (a nurse
	 * attaches the monitor, then records the admission). Readings are attributed by their
	 * own time against it, so it may not lie in the future nor more than
	 * {@link #MAX_BACKDATING} back.
	 */
	private Instant since(Instant requested) {
		Instant now = this.recorder.now();
		if (requested == null) {
			return now;
		}
		if (requested.isAfter(now.plusSeconds(5)) || requested.isBefore(now.minus(MAX_BACKDATING))) {
			throw new InvalidRequest(
					"since must lie between " + MAX_BACKDATING.toHours() + " h ago and now, not " + requested);
		}
		return requested;
	}

	/**
	 * What an admission or transfer names: pseudonymised ids only, never names.
	 *
	 * @param since when the device was put on the patient, or {@code null} for now
	 */
	record AssignmentRequest(String patient, String ward, String bed, Instant since) {
	}

}
