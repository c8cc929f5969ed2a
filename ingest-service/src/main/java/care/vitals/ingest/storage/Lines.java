package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import care.vitals.ingest.patient.Attribution;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.reading.Reading;

/**
 * Maps readings, device status and device events to line protocol, following
 * docs/data-model.md. Every tag value is a validated id ({@code [A-Za-z0-9._-]}) or a
 * code; free text only ever goes into string fields, made safe by {@link SafeText}.
 */
public final class Lines {

	/** The patient tag of readings from devices with no current assignment. */
	public static final String UNASSIGNED = Assignment.UNASSIGNED_PATIENT;

	private Lines() {
	}

	/**
	 * A reading, at its device time, on the patient it is attributed to; an unattributed
	 * reading carries {@code patient=unassigned} and the reason in the {@code unassigned}
	 * field.
	 */
	public static String vitals(Reading reading, Attribution attribution) {
		LineBuilder line = LineBuilder.measurement("vitals")
			.tag("device", reading.deviceId())
			.time(reading.timestamp());
		if (attribution instanceof Attribution.Assigned assigned) {
			patientTags(line, Optional.of(assigned.assignment()));
		}
		else {
			patientTags(line, Optional.empty());
			line.field("unassigned", ((Attribution.Unassigned) attribution).reason());
		}
		reading.values().forEach((parameter, value) -> line.field(parameter.canonicalName(), value));
		if (reading.sequence() != null) {
			line.field("seq", reading.sequence());
		}
		if (reading.oxygen() != null) {
			line.field("o2", reading.oxygen());
		}
		if (reading.consciousness() != null) {
			line.field("consciousness", reading.consciousness().name());
		}
		return line.build();
	}

	/**
	 * A member of staff's observation, at its time of observation, on the patient: the
	 * {@code device} tag names the observer ({@code staff:nurse-1}, never a device id,
	 * which cannot contain {@code :}) and {@code source} is {@code staff}.
	 */
	public static String staffObservation(StaffObservation observation, Assignment location) {
		LineBuilder line = LineBuilder.measurement("vitals")
			.tag("device", "staff:" + observation.observer())
			.time(observation.observedAt());
		patientTags(line, Optional.of(location));
		observation.values().forEach((parameter, value) -> line.field(parameter.canonicalName(), value));
		if (observation.oxygen() != null) {
			line.field("o2", observation.oxygen());
		}
		if (observation.oxygenDevice() != null) {
			line.field("o2_device", observation.oxygenDevice());
		}
		if (observation.oxygenFlow() != null) {
			line.field("o2_flow", observation.oxygenFlow());
		}
		if (observation.consciousness() != null) {
			line.field("consciousness", observation.consciousness().name());
		}
		line.field("source", "staff");
		return line.build();
	}

	public static String status(DeviceStatus status, Optional<Assignment> assignment, Instant receivedAt) {
		LineBuilder line = LineBuilder.measurement("device_status")
			.tag("device", status.deviceId())
			.time((status.ts() != null) ? status.ts() : receivedAt);
		assignment.ifPresent((a) -> line.tag("ward", a.ward()).tag("bed", a.bed()));
		if (status.online() != null) {
			line.field("online", status.online());
		}
		if (status.battery() != null) {
			line.field("battery", status.battery());
		}
		if (status.rssi() != null) {
			line.field("rssi", status.rssi().longValue());
		}
		if (status.firmware() != null) {
			line.field("firmware", SafeText.of(status.firmware(), 64));
		}
		return line.build();
	}

	public static String event(DeviceEvent event, Attribution attribution) {
		LineBuilder line = LineBuilder.measurement("device_events")
			.tag("device", event.deviceId())
			.tag("kind", event.kind())
			.time(event.ts());
		patientTags(line, (attribution instanceof Attribution.Assigned assigned) ? Optional.of(assigned.assignment())
				: Optional.empty());
		Map<String, String> details = event.details();
		line.field("message", SafeText.of(details.getOrDefault("message", event.kind()), 256));
		line.field("details",
				SafeText.of(details.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining(", ")), 1024));
		return line.build();
	}

	private static void patientTags(LineBuilder line, Optional<Assignment> assignment) {
		if (assignment.isPresent()) {
			line.tag("patient", assignment.get().patient())
				.tag("ward", assignment.get().ward())
				.tag("bed", assignment.get().bed());
		}
		else {
			line.tag("patient", UNASSIGNED);
		}
	}

}
