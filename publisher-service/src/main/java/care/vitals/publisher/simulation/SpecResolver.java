package care.vitals.publisher.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import care.vitals.model.id.Identifiers;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Scenario;

/**
 * Fills in the defaults of a request and checks what single-field validation cannot.
 */
final class SpecResolver {

	/**
	 * The prefix of every simulated device and patient id: no real device may have it
	 * ({@code deploy/devices.sh} refuses to enroll one), so simulated data can never be
	 * taken for a real device's, wherever it ends up (docs/security.md, "Simulated device
	 * ids").
	 */
	static final String RESERVED_PREFIX = "sim-";

	private static final Duration MAX_SKEW = Duration.ofMinutes(10);

	private final SimulationProperties properties;

	SpecResolver(SimulationProperties properties) {
		this.properties = properties;
	}

	SimulationSpec resolve(SimulationRequest request, Supplier<String> nextId) {
		Map<String, String> errors = new LinkedHashMap<>();
		String id = (request.id() != null) ? request.id() : nextId.get();
		Mode mode = or(request.mode(), Mode.REALISTIC);
		int patients = request.patients();
		int firstBed = or(request.firstBed(), 1);
		if (request.lastBed() != null && request.lastBed() - firstBed + 1 < patients) {
			errors.put("lastBed",
					"beds " + firstBed + "-" + request.lastBed() + " have no room for " + patients + " patients");
		}
		List<DeviceKind> kinds = new ArrayList<>(
				new LinkedHashSet<>(or(request.deviceKinds(), List.of(DeviceKind.BEDSIDE_MONITOR))));
		double rate = or(request.rate(), this.properties.defaultRate());
		int devices = patients * kinds.size();
		if (mode == Mode.REALISTIC && devices > this.properties.maxRealisticDevices()) {
			errors.put("patients", devices + " devices exceed the realistic-mode limit of "
					+ this.properties.maxRealisticDevices() + " (one connection each); use mode LOAD");
		}
		if (mode == Mode.REALISTIC && devices * rate > this.properties.maxRealisticRate()) {
			errors.put("rate", "realistic mode is limited to " + (long) this.properties.maxRealisticRate()
					+ " messages per second; use mode LOAD");
		}
		if (mode == Mode.LOAD && devices > this.properties.maxLoadDevices()) {
			errors.put("patients",
					devices + " devices exceed the load-mode limit of " + this.properties.maxLoadDevices());
		}
		Duration skew = or(request.clockSkew(), Duration.ZERO);
		if (skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
			errors.put("clockSkew", "must be between PT0S and PT10M");
		}
		Duration nibp = or(request.nibpInterval(), this.properties.defaultNibpInterval());
		if (nibp.compareTo(Duration.ofSeconds(1)) < 0 || nibp.compareTo(Duration.ofHours(24)) > 0) {
			errors.put("nibpInterval", "must be between PT1S and PT24H");
		}
		String prefix = or(request.devicePrefix(), RESERVED_PREFIX + id);
		if (!isReserved(prefix + "-")) {
			errors.put("devicePrefix",
					"must be sim or start with " + RESERVED_PREFIX
							+ ": every simulated device and patient id starts with " + RESERVED_PREFIX
							+ ", the prefix no real device may have");
		}
		String longest = deviceId(prefix, DeviceKind.THERMOMETER, patients - 1, patients);
		if (!Identifiers.isValid(longest)) {
			errors.put("devicePrefix", "device ids such as " + longest + " would be longer than 64 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException("The simulation request is invalid.", errors);
		}
		return new SimulationSpec(id, mode, patients, or(request.ward(), this.properties.defaultWard()), firstBed,
				List.copyOf(kinds), rate, or(request.format(), this.properties.defaultFormat()),
				or(request.qos(), this.properties.defaultQos()), or(request.scenario(), Scenario.STABLE),
				request.profile(), (request.seed() != null) ? request.seed() : ThreadLocalRandom.current().nextLong(),
				or(request.speed(), 1.0), request.startTime(),
				or(request.artefactRate(), this.properties.defaultArtefactRate()), skew,
				or(request.disconnectsPerHour(), 0.0), nibp,
				or(request.connections(), this.properties.defaultConnections()), prefix, or(request.admit(), true));
	}

	/**
	 * Returns the id of a device: {@code prefix-kind-NNN}, the number 1-based and at
	 * least three digits wide.
	 */
	static String deviceId(String prefix, DeviceKind kind, int patient, int patients) {
		int width = Math.max(3, Integer.toString(patients).length());
		return prefix + "-" + kind.code() + "-" + String.format("%0" + width + "d", patient + 1);
	}

	/**
	 * Returns the pseudonymised id of a patient: {@code prefix-patient-NNN}.
	 */
	static String patientId(String prefix, int patient, int patients) {
		int width = Math.max(3, Integer.toString(patients).length());
		return prefix + "-patient-" + String.format("%0" + width + "d", patient + 1);
	}

	/**
	 * Whether an id lies inside the reserved prefix of simulated devices.
	 */
	static boolean isReserved(String id) {
		return id.startsWith(RESERVED_PREFIX);
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
