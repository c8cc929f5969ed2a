package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import care.vitals.model.alarm.DeviceState.ArtefactWindow;
import care.vitals.model.alarm.DeviceState.SensorFault;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;

/**
 * Sensor faults and artefact suppression: a value measured while a probe is off is not
 * the patient's, so it must neither raise nor clear a clinical alarm. A
 * {@value AlarmKinds#PROBE_OFF}, {@value AlarmKinds#LEAD_OFF} or
 * {@value AlarmKinds#SENSOR_DISCONNECTED} event opens a fault (a medium technical alarm
 * of that kind) on the device, closed by the matching {@code probe_on}, {@code lead_on}
 * or {@code sensor_connected} event or, for devices that never send one, by a reading of
 * that sensor at least {@link TechnicalRules#sensorRecovery()} after the fault. A
 * {@code sensor} detail naming a parameter limits the fault to it, otherwise it covers
 * the whole device. From the fault until its end plus
 * {@link TechnicalRules#artefactSettle()} (or for the settle time after an
 * {@code artefact} event, without an alarm) the device's values of those parameters are
 * artefact and running limit delays restart.
 */
final class SensorFaults {

	private static final String ARTEFACT_EVENT = "artefact";

	/**
	 * How long a sensor fault (probe off, lead off, sensor disconnected) must last before
	 * its alarm is raised: a clip that slips and is back within a minute (the common case
	 * of a patient moving) needs no nurse; its values are suppressed from the first
	 * instant all the same, and no-data stays quiet while the fault is open.
	 */
	static final Duration ALARM_DELAY = Duration.ofSeconds(60);

	private static final Map<String, String> CLOSING = Map.of("probe_on", AlarmKinds.PROBE_OFF, "lead_on",
			AlarmKinds.LEAD_OFF, "sensor_connected", AlarmKinds.SENSOR_DISCONNECTED);

	private static final Set<String> OPENING = Set.of(AlarmKinds.PROBE_OFF, AlarmKinds.LEAD_OFF,
			AlarmKinds.SENSOR_DISCONNECTED);

	private static final Pattern SENSOR_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	private final TechnicalRules technical;

	private final ActiveAlarms alarms;

	SensorFaults(TechnicalRules technical, ActiveAlarms alarms) {
		this.technical = technical;
		this.alarms = alarms;
	}

	/**
	 * Handles a fault, fault-end or artefact event.
	 * @return whether the event was one of those kinds
	 */
	boolean onEvent(PatientState state, DeviceState device, DeviceEvent event, List<AlarmTransition> out) {
		String kind = event.kind();
		String sensor = sensor(event);
		if (OPENING.contains(kind)) {
			openFault(state, device, kind, sensor, event.ts(), out);
		}
		else if (CLOSING.containsKey(kind)) {
			for (SensorFault fault : List.copyOf(device.faults.values())) {
				if (fault.kind().equals(CLOSING.get(kind))
						&& (sensor == null || fault.sensor() == null || sensor.equals(fault.sensor()))) {
					closeFault(state, device, fault, event.ts(), out);
				}
			}
		}
		else if (ARTEFACT_EVENT.equals(kind)) {
			Set<Parameter> parameters = parameters(sensor);
			device.addWindow(
					new ArtefactWindow(parameters, event.ts(), event.ts().plus(this.technical.artefactSettle())));
			LimitAlarms.interrupt(state, device.deviceId, parameters);
		}
		else {
			return false;
		}
		return true;
	}

	/**
	 * Closes the faults a reading shows to be over: it measures the fault's sensor at
	 * least the recovery time after the fault began.
	 */
	void recover(PatientState state, DeviceState device, Reading reading, List<AlarmTransition> out) {
		Instant at = reading.timestamp();
		for (SensorFault fault : List.copyOf(device.faults.values())) {
			boolean measured = reading.values()
				.keySet()
				.stream()
				.anyMatch((parameter) -> fault.parameters().isEmpty() ? parameter.loinc() != null
						: fault.parameters().contains(parameter));
			if (measured && !at.isBefore(fault.since().plus(this.technical.sensorRecovery()))) {
				closeFault(state, device, fault, at, out);
			}
		}
	}

	/**
	 * Reopens the fault of a restored alarm. The sensor detail is not in the alarm list,
	 * so the fault covers the whole device.
	 * @return the condition key of its alarm
	 */
	static String restore(DeviceState device, String kind, Instant since) {
		String faultKey = kind + "/";
		String alarmKey = DeviceAlarms.keyPrefix(device.deviceId) + faultKey;
		device.faults.put(faultKey, new SensorFault(kind, null, Set.of(), since, alarmKey, true));
		return alarmKey;
	}

	/**
	 * Removes a reading's artefact values (inside a sensor fault or artefact window of
	 * its device).
	 * @param state the patient, or {@code null} if unknown
	 * @return the reading without artefact values (the same instance if it had none), or
	 * empty if nothing is left
	 */
	static Optional<Reading> artefactFree(PatientState state, Reading reading) {
		DeviceState device = (state != null) ? state.devices.get(reading.deviceId()) : null;
		if (device == null) {
			return Optional.of(reading);
		}
		if (!anyArtefact(device, reading)) {
			return Optional.of(reading);
		}
		Map<Parameter, Double> clean = new LinkedHashMap<>();
		reading.values().forEach((parameter, value) -> {
			if (!device.isArtefact(parameter, reading.timestamp())) {
				clean.put(parameter, value);
			}
		});
		if (clean.size() == reading.values().size()) {
			return Optional.of(reading);
		}
		if (clean.isEmpty() && reading.oxygen() == null && reading.consciousness() == null) {
			return Optional.empty();
		}
		return Optional.of(new Reading(reading.deviceId(), reading.timestamp(), reading.sequence(), clean,
				reading.oxygen(), reading.consciousness()));
	}

	/** Runs for every reading: most have no artefact, and need no copy. */
	private static boolean anyArtefact(DeviceState device, Reading reading) {
		for (Parameter parameter : reading.values().keySet()) {
			if (device.isArtefact(parameter, reading.timestamp())) {
				return true;
			}
		}
		return false;
	}

	private void openFault(PatientState state, DeviceState device, String kind, String sensor, Instant at,
			List<AlarmTransition> out) {
		String faultKey = kind + "/" + ((sensor != null) ? sensor : "");
		if (device.faults.containsKey(faultKey)) {
			return;
		}
		Set<Parameter> parameters = parameters(sensor);
		String alarmKey = DeviceAlarms.keyPrefix(device.deviceId) + faultKey;
		device.faults.put(faultKey, new SensorFault(kind, sensor, parameters, at, alarmKey, false));
		LimitAlarms.interrupt(state, device.deviceId, parameters);
	}

	/**
	 * Raises the alarm of every sensor fault open for {@link #ALARM_DELAY} or longer (its
	 * values are artefact from the first instant; only the alarm waits).
	 */
	void due(PatientState state, Instant now, List<AlarmTransition> out) {
		for (DeviceState device : state.devices.values()) {
			for (Map.Entry<String, SensorFault> entry : device.faults.entrySet()) {
				SensorFault fault = entry.getValue();
				if (!fault.alarmed() && !now.isBefore(fault.since().plus(ALARM_DELAY))) {
					entry.setValue(new SensorFault(fault.kind(), fault.sensor(), fault.parameters(), fault.since(),
							fault.alarmKey(), true));
					String title = fault.kind().substring(0, 1).toUpperCase(Locale.ROOT)
							+ fault.kind().substring(1).replace('_', ' ');
					String message = title + ((fault.sensor() != null) ? " (" + fault.sensor() + ")" : "") + " on "
							+ device.deviceId + " for " + Duration.between(fault.since(), now).toSeconds() + " s";
					out.add(this.alarms.raise(state, fault.alarmKey(), RiskTable.priority(fault.kind()), fault.kind(),
							device.deviceId, message, null, now));
				}
			}
		}
	}

	private void closeFault(PatientState state, DeviceState device, SensorFault fault, Instant at,
			List<AlarmTransition> out) {
		device.faults.values().remove(fault);
		Instant end = at.isBefore(fault.since()) ? fault.since() : at;
		device.addWindow(
				new ArtefactWindow(fault.parameters(), fault.since(), end.plus(this.technical.artefactSettle())));
		this.alarms.resolve(state, fault.alarmKey(), at, out);
	}

	private static String sensor(DeviceEvent event) {
		String sensor = event.details().get("sensor");
		return (sensor != null && SENSOR_NAME.matcher(sensor).matches()) ? sensor : null;
	}

	private static Set<Parameter> parameters(String sensor) {
		return Parameter.byName(sensor).map(Set::of).orElse(Set.of());
	}

}
