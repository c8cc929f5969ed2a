package care.vitals.ingest.api;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import care.vitals.ingest.clinical.ObservationsPublisher;
import care.vitals.ingest.clinical.SettingsPublisher;
import care.vitals.ingest.mqtt.RetainedPublisher;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.AssignmentCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.id.Identifiers;
import care.vitals.model.topic.Topics;
import care.vitals.web.Conflict;
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
 * <p>
 * <b>No double booking</b>: a bed holds one patient and a device one patient. An
 * assignment is refused (409, nothing changes) if a device is in use for another patient
 * (discharge it from that patient first: a mistyped device id must never take a monitor
 * off another patient) or if the bed holds another patient. The same patient on another
 * bed is a transfer. The checks see what this instance published a moment ago even before
 * its own retained message has come back, and one change is checked and published at a
 * time; two instances taking conflicting admissions in the same instant are not caught
 * (docs/ward-station.md).
 */
@RestController
@RequestMapping("/api/assignments")
class AssignmentController {

	/**
	 * How long a change this instance published is assumed in force before the registry
	 * shows it (its retained message normally comes back in milliseconds).
	 */
	static final Duration PENDING_FOR = Duration.ofSeconds(30);

	private final AssignmentHistory registry;

	private final ClinicalRecorder recorder;

	private final RetainedPublisher retained;

	private final AssignmentCodec codec = new AssignmentCodec(DecodeLimits.defaults());

	private final SettingsPublisher settings;

	private final ObservationsPublisher observations;

	/** Changes published by this instance, by device, until the registry shows them. */
	private final Map<String, Pending> pending = new HashMap<>();

	/** How long a change waits to be seen in the registry before it is answered. */
	private final Duration seenWithin;

	@org.springframework.beans.factory.annotation.Autowired
	AssignmentController(AssignmentHistory registry, ClinicalRecorder recorder, RetainedPublisher retained,
			SettingsPublisher settings, ObservationsPublisher observations) {
		this(registry, recorder, retained, settings, observations, SEEN_WITHIN);
	}

	AssignmentController(AssignmentHistory registry, ClinicalRecorder recorder, RetainedPublisher retained,
			SettingsPublisher settings, ObservationsPublisher observations, Duration seenWithin) {
		this.observations = observations;
		this.registry = registry;
		this.recorder = recorder;
		this.retained = retained;
		this.settings = settings;
		this.seenWithin = seenWithin;
	}

	/**
	 * A change is answered once this instance's registry shows it (its own retained
	 * message came back, normally within milliseconds) or after this long: whoever reads
	 * the assignments or loads a page right after the answer sees the change.
	 */
	static final Duration SEEN_WITHIN = Duration.ofSeconds(2);

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
		Assignment assignment = assignment(request.patient(), request.ward(), request.bed(), request.since());
		return ResponseEntity.ok(assign(List.of(deviceId), assignment, actor).get(deviceId));
	}

	/**
	 * Admits or transfers a patient with several devices at once: every device and the
	 * bed are checked before any is assigned, so a refusal changes nothing.
	 */
	@PutMapping
	Map<String, Assignment> assignAll(@RequestBody BedRequest request, Principal actor) {
		if (request.devices() == null || request.devices().isEmpty()) {
			throw new InvalidRequest("pick at least one device");
		}
		Set<String> devices = new LinkedHashSet<>(request.devices());
		devices.forEach(AssignmentController::validDevice);
		Assignment assignment = assignment(request.patient(), request.ward(), request.bed(), request.since());
		return assign(List.copyOf(devices), assignment, actor);
	}

	private synchronized Map<String, Assignment> assign(List<String> devices, Assignment assignment, Principal actor) {
		Map<String, Assignment> current = current();
		refuseDoubleBooking(devices, assignment, current);
		Map<String, Assignment> done = new TreeMap<>();
		for (String deviceId : devices) {
			Optional<Assignment> previous = Optional.ofNullable(current.get(deviceId));
			publish(deviceId, this.codec.encode(assignment));
			this.pending.put(deviceId, new Pending(Optional.of(assignment), System.nanoTime()));
			String kind = previous.isPresent() ? "transfer" : "admit";
			this.recorder.record(kind, actor.getName(), assignment.patient(), assignment.ward(),
					kind + " device " + deviceId + " to patient " + assignment.patient() + " in " + assignment.ward()
							+ "/" + assignment.bed());
			done.put(deviceId, assignment);
		}
		awaitRegistry(devices, Optional.of(assignment));
		return done;
	}

	/**
	 * A bed holds one patient, a device one patient: refused with what is in the way and
	 * what to do.
	 */
	static void refuseDoubleBooking(List<String> devices, Assignment assignment, Map<String, Assignment> current) {
		for (String deviceId : devices) {
			Assignment held = current.get(deviceId);
			if (held != null && !held.patient().equals(assignment.patient())) {
				throw new Conflict("Device " + deviceId + " is in use for patient " + held.patient() + " in bed "
						+ held.ward() + "/" + held.bed() + ": discharge it from that patient first.");
			}
		}
		current.values()
			.stream()
			.filter((a) -> a.ward().equals(assignment.ward()) && a.bed().equals(assignment.bed())
					&& !a.patient().equals(assignment.patient()))
			.findFirst()
			.ifPresent((other) -> {
				throw new Conflict("Bed " + assignment.ward() + "/" + assignment.bed() + " holds patient "
						+ other.patient() + ": discharge or transfer that patient first.");
			});
	}

	@DeleteMapping("/{deviceId}")
	synchronized ResponseEntity<Void> discharge(@PathVariable String deviceId, Principal actor) {
		validDevice(deviceId);
		Optional<Assignment> previous = Optional.ofNullable(current().get(deviceId));
		previous.ifPresent((p) -> clearSettingsIfLastDevice(p.patient(), deviceId));
		publish(deviceId, this.codec.encodeDischarge());
		this.pending.put(deviceId, new Pending(Optional.empty(), System.nanoTime()));
		this.recorder.record("discharge", actor.getName(), previous.map(Assignment::patient).orElse(null),
				previous.map(Assignment::ward).orElse(null), "discharge device " + deviceId);
		awaitRegistry(List.of(deviceId), Optional.empty());
		return ResponseEntity.noContent().build();
	}

	private void awaitRegistry(List<String> devices, Optional<Assignment> expected) {
		long deadline = System.nanoTime() + this.seenWithin.toNanos();
		while (!devices.stream().allMatch((d) -> this.registry.current(d).equals(expected))
				&& System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * The assignments in force: the registry's, with what this instance published and the
	 * registry does not show yet.
	 */
	private Map<String, Assignment> current() {
		Map<String, Assignment> current = new TreeMap<>(this.registry.all());
		long now = System.nanoTime();
		this.pending.entrySet().removeIf((entry) -> {
			Pending change = entry.getValue();
			Optional<Assignment> registered = Optional.ofNullable(current.get(entry.getKey()));
			if (now - change.at() > PENDING_FOR.toNanos() || registered.equals(change.assignment())) {
				return true;
			}
			change.assignment()
				.ifPresentOrElse((a) -> current.put(entry.getKey(), a), () -> current.remove(entry.getKey()));
			return false;
		});
		return current;
	}

	/**
	 * Settings last from admission to discharge: when a patient's last device leaves, the
	 * retained settings are cleared first, here and once (not by every instance that sees
	 * the discharge, where a late clear could erase the settings of a readmission). If
	 * the broker does not take it, the request fails and nothing changes.
	 */
	private void clearSettingsIfLastDevice(String patient, String deviceId) {
		boolean otherDevices = current().entrySet()
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

	private Assignment assignment(String patient, String ward, String bed, Instant requestedSince) {
		Instant since = since(requestedSince);
		return InvalidRequest.validating(() -> new Assignment(patient, ward, bed, since));
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

	/**
	 * A patient in a bed with the devices put on them: an admission, or a transfer when
	 * the patient is in another bed now.
	 *
	 * @param devices the device ids, at least one
	 * @param since when the devices were put on the patient, or {@code null} for now
	 */
	record BedRequest(String patient, String ward, String bed, List<String> devices, Instant since) {
	}

	private record Pending(Optional<Assignment> assignment, long at) {
	}

}
