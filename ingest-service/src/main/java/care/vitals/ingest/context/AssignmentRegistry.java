package care.vitals.ingest.context;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import care.vitals.model.assignment.Assignment;

import org.springframework.stereotype.Component;

/**
 * The current assignment of each device to a patient, ward and bed, as last published on
 * the retained {@code assignments/{deviceId}} topic. Readings take their patient context
 * from here, never from the device.
 */
@Component
public class AssignmentRegistry {

	private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();

	public Optional<Assignment> current(String deviceId) {
		return Optional.ofNullable(this.assignments.get(deviceId));
	}

	public void assign(String deviceId, Assignment assignment) {
		this.assignments.put(deviceId, assignment);
	}

	public void discharge(String deviceId) {
		this.assignments.remove(deviceId);
	}

	/** Whether any device is assigned to the patient. */
	public boolean isMonitored(String patient) {
		return this.assignments.values().stream().anyMatch((a) -> a.patient().equals(patient));
	}

	public Map<String, Assignment> all() {
		return Map.copyOf(this.assignments);
	}

}
