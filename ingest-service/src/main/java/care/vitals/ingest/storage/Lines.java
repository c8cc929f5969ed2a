package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import care.vitals.model.assignment.Assignment;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.reading.Reading;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;

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

	public static String vitals(Reading reading, Optional<Assignment> assignment) {
		LineBuilder line = LineBuilder.measurement("vitals")
			.tag("device", reading.deviceId())
			.time(reading.timestamp());
		if (assignment.isPresent()) {
			line.tag("patient", assignment.get().patient())
				.tag("ward", assignment.get().ward())
				.tag("bed", assignment.get().bed());
		}
		else {
			line.tag("patient", UNASSIGNED);
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

	public static String status(DeviceStatus status, Optional<Assignment> assignment, Instant receivedAt) {
		Point point = Point.measurement("device_status")
			.addTag("device", status.deviceId())
			.time((status.ts() != null) ? status.ts() : receivedAt, WritePrecision.NS);
		assignment.ifPresent((a) -> point.addTag("ward", a.ward()).addTag("bed", a.bed()));
		if (status.online() != null) {
			point.addField("online", status.online());
		}
		if (status.battery() != null) {
			point.addField("battery", status.battery());
		}
		if (status.rssi() != null) {
			point.addField("rssi", status.rssi().longValue());
		}
		if (status.firmware() != null) {
			point.addField("firmware", SafeText.of(status.firmware(), 64));
		}
		return point.toLineProtocol();
	}

	public static String event(DeviceEvent event, Optional<Assignment> assignment) {
		Point point = Point.measurement("device_events")
			.addTag("device", event.deviceId())
			.addTag("kind", event.kind())
			.time(event.ts(), WritePrecision.NS);
		patientTags(point, assignment);
		Map<String, String> details = event.details();
		point.addField("message", SafeText.of(details.getOrDefault("message", event.kind()), 256));
		point.addField("details",
				SafeText.of(details.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining(", ")), 1024));
		return point.toLineProtocol();
	}

	private static void patientTags(Point point, Optional<Assignment> assignment) {
		if (assignment.isPresent()) {
			point.addTag("patient", assignment.get().patient())
				.addTag("ward", assignment.get().ward())
				.addTag("bed", assignment.get().bed());
		}
		else {
			point.addTag("patient", UNASSIGNED);
		}
	}

}
