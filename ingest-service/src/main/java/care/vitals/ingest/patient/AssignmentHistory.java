package care.vitals.ingest.patient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import care.vitals.model.assignment.Assignment;

import org.springframework.stereotype.Component;

/**
 * Who each device measured, and when: the assignment history of every device, as validity
 * intervals. The one place readings take their patient from (CLINICAL.md, principle 1: a
 * reading belongs to the patient its device had <em>at the reading's own time</em>, never
 * to whoever has the device now).
 * <p>
 * An assignment ({@code assignments/{deviceId}}) is valid from its {@code since}; it ends
 * where the next assignment of the device begins, or when the device is discharged (the
 * empty retained message carries no time, so the discharge takes the time it arrived).
 * Assignments are applied in the order they arrive: a later one whose {@code since} lies
 * before earlier intervals replaces them from that instant on (the newest decision wins).
 * The same assignment delivered again (a retained message after a resubscribe) changes
 * nothing.
 * <p>
 * After a restart only each device's current assignment comes back (the retained
 * message), so history starts at its {@code since}: a reading older than anything known
 * is {@link Attribution.Unassigned unassigned} with a reason, never guessed. At most
 * {@value #MAX_INTERVALS} intervals per device are kept.
 * <p>
 * Thread-safe.
 */
@Component
public class AssignmentHistory {

	/** Intervals kept per device; older ones are forgotten. */
	static final int MAX_INTERVALS = 32;

	/** Intervals per device, oldest first, non-overlapping. */
	private final Map<String, List<Interval>> devices = new HashMap<>();

	/** Current assignments by patient, then device: where each patient is now. */
	private final Map<String, Map<String, Assignment>> patients = new HashMap<>();

	/**
	 * Returns the patient a device was assigned to at an instant.
	 * @param deviceId the device
	 * @param at the instant (the reading's own time)
	 * @return the assignment then, or why there is none
	 */
	public synchronized Attribution at(String deviceId, Instant at) {
		List<Interval> intervals = this.devices.get(deviceId);
		if (intervals == null || intervals.isEmpty()) {
			return Attribution.Unassigned.NEVER_ASSIGNED;
		}
		if (at.isBefore(intervals.get(0).from())) {
			return Attribution.Unassigned.BEFORE_KNOWN_ASSIGNMENT;
		}
		for (int i = intervals.size() - 1; i >= 0; i--) {
			Interval interval = intervals.get(i);
			if (interval.contains(at)) {
				return new Attribution.Assigned(interval.assignment());
			}
		}
		return Attribution.Unassigned.NOT_ASSIGNED_THEN;
	}

	/**
	 * Returns a device's current assignment.
	 * @param deviceId the device
	 * @return the open assignment, or empty if the device is not assigned now
	 */
	public synchronized Optional<Assignment> current(String deviceId) {
		List<Interval> intervals = this.devices.get(deviceId);
		if (intervals == null || intervals.isEmpty()) {
			return Optional.empty();
		}
		Interval last = intervals.get(intervals.size() - 1);
		return (last.until() == null) ? Optional.of(last.assignment()) : Optional.empty();
	}

	/**
	 * Records an assignment (admission or transfer) in the order it arrived.
	 * @param deviceId the device
	 * @param assignment the assignment, valid from its {@code since}
	 * @return whether anything changed (a redelivery of the current assignment does not)
	 */
	public synchronized boolean assign(String deviceId, Assignment assignment) {
		List<Interval> intervals = this.devices.computeIfAbsent(deviceId, (d) -> new ArrayList<>());
		Instant from = assignment.since();
		if (!intervals.isEmpty()) {
			Interval last = intervals.get(intervals.size() - 1);
			if (last.until() == null && last.assignment().equals(assignment)) {
				return false;
			}
		}
		List<Interval> kept = new ArrayList<>(intervals.size() + 1);
		for (Interval interval : intervals) {
			if (interval.from().isBefore(from)) {
				kept.add(interval.endingBy(from));
			}
		}
		kept.add(new Interval(assignment, from, null));
		while (kept.size() > MAX_INTERVALS) {
			kept.remove(0);
		}
		intervals.clear();
		intervals.addAll(kept);
		unlocate(deviceId);
		this.patients.computeIfAbsent(assignment.patient(), (p) -> new HashMap<>()).put(deviceId, assignment);
		return true;
	}

	/**
	 * Ends a device's current assignment (the device was discharged or removed).
	 * @param deviceId the device
	 * @param at when the discharge arrived
	 * @return whether the device had a current assignment
	 */
	public synchronized boolean discharge(String deviceId, Instant at) {
		List<Interval> intervals = this.devices.get(deviceId);
		if (intervals == null || intervals.isEmpty()) {
			return false;
		}
		int last = intervals.size() - 1;
		Interval open = intervals.get(last);
		if (open.until() != null) {
			return false;
		}
		Instant end = at.isBefore(open.from()) ? open.from() : at;
		intervals.set(last, new Interval(open.assignment(), open.from(), end));
		unlocate(deviceId);
		return true;
	}

	/**
	 * Tells whether any device is assigned to the patient now.
	 * @param patient the patient
	 * @return {@code true} if the patient is monitored
	 */
	public synchronized boolean isMonitored(String patient) {
		return location(patient).isPresent();
	}

	/**
	 * Returns where a patient is now: the current assignment of one of their devices.
	 * @param patient the patient
	 * @return the current assignment (ward and bed), or empty if no device is assigned to
	 * the patient now
	 */
	public synchronized Optional<Assignment> location(String patient) {
		Map<String, Assignment> devices = this.patients.get(patient);
		if (devices == null) {
			return Optional.empty();
		}
		Assignment newest = null;
		for (Assignment assignment : devices.values()) {
			if (newest == null || assignment.since().isAfter(newest.since())) {
				newest = assignment;
			}
		}
		return Optional.ofNullable(newest);
	}

	private void unlocate(String deviceId) {
		this.patients.values().removeIf((devices) -> devices.remove(deviceId) != null && devices.isEmpty());
	}

	/**
	 * Returns every current assignment.
	 * @return current assignments by device, sorted by device id
	 */
	public synchronized Map<String, Assignment> all() {
		Map<String, Assignment> all = new TreeMap<>();
		for (String device : this.devices.keySet()) {
			current(device).ifPresent((assignment) -> all.put(device, assignment));
		}
		return all;
	}

	/**
	 * One assignment's validity: from its start (inclusive) until its end (exclusive), or
	 * open.
	 *
	 * @param assignment the assignment
	 * @param from the first instant it is valid
	 * @param until the first instant it no longer is, or {@code null} while it is current
	 */
	record Interval(Assignment assignment, Instant from, Instant until) {

		boolean contains(Instant at) {
			return !at.isBefore(this.from) && (this.until == null || at.isBefore(this.until));
		}

		Interval endingBy(Instant end) {
			return (this.until != null && !this.until.isAfter(end)) ? this
					: new Interval(this.assignment, this.from, end);
		}

	}

}
