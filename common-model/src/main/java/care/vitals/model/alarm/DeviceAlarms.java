package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.model.alarm.LimitTracker.Limits;
import care.vitals.model.alarm.LimitTracker.Side;
import care.vitals.model.alarm.LimitTracker.Step;
import care.vitals.model.alarm.LimitTracker.Tier;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;

/**
 * Technical alarms: the device, not the patient, needs attention, so the values behind a
 * clinical alarm may be missing or wrong. Sensor faults (medium) are in
 * {@link SensorFaults}; here: battery below {@link TechnicalRules#batteryLow()} (low) or
 * {@link TechnicalRules#batteryCritical()} (medium), from status, {@code battery}
 * readings or {@code battery_low} events; {@value AlarmKinds#DEVICE_OFFLINE} (medium) on
 * {@code online=false} (the Last Will) until {@code online=true} or a reading;
 * {@value AlarmKinds#NO_DATA} (medium) when an assigned device that is neither offline
 * nor in a sensor fault sent nothing for {@link TechnicalRules#noDataTimeout()}, until
 * its next reading; {@value AlarmKinds#SEQUENCE_GAP} (low, value = readings missed) when
 * a device's sequence number jumps by more than one, resolved by an in-sequence reading
 * at least {@link TechnicalRules#sequenceGapHold()} after the last gap (a lower sequence
 * number with a later timestamp is a device restart, not a gap);
 * {@value AlarmKinds#CLOCK_SKEW} (low) and {@value AlarmKinds#IMPLAUSIBLE_VALUE} (medium)
 * as reported by the caller. Their condition keys start with {@link #keyPrefix the
 * device's prefix}.
 */
final class DeviceAlarms {

	private final TechnicalRules technical;

	private final ActiveAlarms alarms;

	/**
	 * How many sequence gaps within {@link #GAP_WINDOW} raise
	 * {@value AlarmKinds#SEQUENCE_GAP}: a single dropout of a wireless link costs a few
	 * readings and needs nobody (a longer silence raises {@value AlarmKinds#NO_DATA}); a
	 * link that keeps losing data does.
	 */
	static final int GAPS_TO_ALARM = 3;

	/** The window in which {@link #GAPS_TO_ALARM} gaps raise the alarm. */
	static final Duration GAP_WINDOW = Duration.ofMinutes(10);

	private final SensorFaults faults;

	DeviceAlarms(TechnicalRules technical, ActiveAlarms alarms) {
		this.technical = technical;
		this.alarms = alarms;
		this.faults = new SensorFaults(technical, alarms);
	}

	/** The prefix of the condition keys of a device's technical alarms. */
	static String keyPrefix(String deviceId) {
		return "device/" + deviceId + "/";
	}

	/**
	 * Forgets a device of a patient, resolving its technical alarms.
	 */
	void unassign(PatientState state, String deviceId, Instant at, List<AlarmTransition> out) {
		if (state.devices.remove(deviceId) != null) {
			this.alarms.resolveAll(state, keyPrefix(deviceId), at, out);
		}
	}

	/**
	 * The technical part of a reading: data flow, connectivity, sequence, battery, and
	 * the recovery of sensor faults and impossible values.
	 */
	void onReading(PatientState state, DeviceState device, Reading reading, Instant receivedAt,
			List<AlarmTransition> out) {
		Instant at = reading.timestamp();
		if (device.lastReceivedAt == null || receivedAt.isAfter(device.lastReceivedAt)) {
			device.lastReceivedAt = receivedAt;
		}
		if (Boolean.FALSE.equals(device.online)) {
			device.online = true;
			device.backOnlineAt = receivedAt;
		}
		// raised on receive time, so ended on receive time (a buffered reading's own time
		// would clamp the resolution to the raise and log a zero-length outage)
		this.alarms.resolve(state, key(device, AlarmKinds.DEVICE_OFFLINE), receivedAt, out);
		this.alarms.resolve(state, key(device, AlarmKinds.NO_DATA), receivedAt, out);
		sequence(state, device, reading, out);
		Double battery = reading.values().get(Parameter.BATTERY);
		if (battery != null) {
			battery(state, device, battery, at, out);
		}
		this.faults.recover(state, device, reading, out);
		recoverImplausible(state, device, reading, out);
	}

	List<AlarmTransition> onEvent(PatientState state, DeviceState device, DeviceEvent event) {
		List<AlarmTransition> out = new ArrayList<>();
		if (!this.faults.onEvent(state, device, event, out) && AlarmKinds.BATTERY_LOW.equals(event.kind())) {
			Double level = batteryDetail(event);
			if (level != null) {
				battery(state, device, level, event.ts(), out);
			}
		}
		return out;
	}

	List<AlarmTransition> onStatus(PatientState state, DeviceState device, DeviceStatus status, Instant receivedAt) {
		List<AlarmTransition> out = new ArrayList<>();
		String key = key(device, AlarmKinds.DEVICE_OFFLINE);
		if (!status.online()) {
			device.online = false;
			if (!this.alarms.isActive(state, key)) {
				out.add(this.alarms.raise(state, key, RiskTable.priority(AlarmKinds.DEVICE_OFFLINE),
						AlarmKinds.DEVICE_OFFLINE, device.deviceId, "Device " + device.deviceId + " offline", null,
						receivedAt));
			}
		}
		else {
			if (Boolean.FALSE.equals(device.online)) {
				device.backOnlineAt = receivedAt;
			}
			device.online = true;
			this.alarms.resolve(state, key, receivedAt, out);
		}
		if (status.battery() != null) {
			battery(state, device, status.battery(), receivedAt, out);
		}
		return out;
	}

	List<AlarmTransition> implausible(PatientState state, DeviceState device, Parameter parameter, String detail,
			Instant at) {
		device.implausibleSince.merge(parameter, at, (a, b) -> a.isAfter(b) ? a : b);
		String key = implausibleKey(device, parameter);
		if (this.alarms.isActive(state, key)) {
			return List.of();
		}
		return List.of(this.alarms.raise(state, key, RiskTable.priority(AlarmKinds.IMPLAUSIBLE_VALUE),
				AlarmKinds.IMPLAUSIBLE_VALUE, device.deviceId,
				"Impossible " + Labels.name(parameter) + " from " + device.deviceId + " rejected: " + detail, null,
				at));
	}

	List<AlarmTransition> clockSkew(PatientState state, DeviceState device, Duration offset, Instant at) {
		String key = key(device, AlarmKinds.CLOCK_SKEW);
		List<AlarmTransition> out = new ArrayList<>();
		if (offset == null) {
			this.alarms.resolve(state, key, at, out);
		}
		else if (!this.alarms.isActive(state, key)) {
			long seconds = Math.abs(offset.toSeconds());
			out.add(this.alarms.raise(state, key, RiskTable.priority(AlarmKinds.CLOCK_SKEW), AlarmKinds.CLOCK_SKEW,
					device.deviceId,
					"Clock of " + device.deviceId + " is " + seconds + " s "
							+ (offset.isNegative() ? "ahead" : "behind") + "; times corrected",
					(double) offset.toSeconds(), at));
		}
		return out;
	}

	/**
	 * Raises {@value AlarmKinds#NO_DATA} for the patient's silent watched devices.
	 */
	void noData(PatientState state, Instant now, List<AlarmTransition> out) {
		if (state.context == null) {
			return;
		}
		this.faults.due(state, now, out);
		Duration timeout = this.technical.noDataTimeout();
		for (DeviceState device : state.devices.values()) {
			String key = key(device, AlarmKinds.NO_DATA);
			if (device.watchedSince == null || Boolean.FALSE.equals(device.online) || !device.faults.isEmpty()
					|| this.alarms.isActive(state, key)) {
				continue;
			}
			Duration silent = Duration.between(device.dataReference(), now);
			if (silent.compareTo(timeout) > 0) {
				out.add(this.alarms.raise(state, key, RiskTable.priority(AlarmKinds.NO_DATA), AlarmKinds.NO_DATA,
						device.deviceId, "No data from " + device.deviceId + " for " + silent.toSeconds() + " s", null,
						now));
			}
		}
	}

	/**
	 * Restores the device state behind a technical alarm, held until what ends it
	 * arrives.
	 * @param alarm the alarm, with a device
	 * @return its condition key, or {@code null} if it is not a technical alarm the
	 * engine can hold
	 */
	String restore(PatientState state, Alarm alarm) {
		String kind = alarm.kind();
		DeviceState device = state.device(alarm.device());
		switch (kind) {
			case AlarmKinds.DEVICE_OFFLINE -> device.online = false;
			case AlarmKinds.SEQUENCE_GAP -> device.lastGapAt = alarm.ts();
			case AlarmKinds.NO_DATA, AlarmKinds.BATTERY_LOW, AlarmKinds.CLOCK_SKEW -> {
			}
			case AlarmKinds.PROBE_OFF, AlarmKinds.LEAD_OFF, AlarmKinds.SENSOR_DISCONNECTED -> {
				return SensorFaults.restore(device, kind, alarm.ts());
			}
			case AlarmKinds.IMPLAUSIBLE_VALUE -> {
				// the parameter is in the text: held until a valid value of it, as raised
				for (Parameter parameter : Parameter.values()) {
					if (alarm.message().startsWith("Impossible " + Labels.name(parameter) + " from ")) {
						device.implausibleSince.put(parameter, alarm.ts());
						return implausibleKey(device, parameter);
					}
				}
				return null;
			}
			default -> {
				return null;
			}
		}
		return key(device, kind);
	}

	private void battery(PatientState state, DeviceState device, double level, Instant at, List<AlarmTransition> out) {
		Limits limits = new Limits(Side.LOW,
				List.of(new Tier(this.technical.batteryLow(), RiskTable.batteryPriority(false)),
						new Tier(this.technical.batteryCritical(), RiskTable.batteryPriority(true))),
				Duration.ZERO, this.technical.batteryHysteresis(), Duration.ZERO);
		String key = key(device, AlarmKinds.BATTERY_LOW);
		Step step = device.battery.evaluate(limits, level, at, this.alarms.priority(state, key));
		if (step.resolve()) {
			this.alarms.resolve(state, key, at, out);
		}
		else if (step.raise() != null) {
			this.alarms.resolve(state, key, at, out);
			out.add(this.alarms.raise(state, key, step.raise().priority(), AlarmKinds.BATTERY_LOW, device.deviceId,
					"Battery " + Labels.quantity(Parameter.BATTERY, level) + " on " + device.deviceId, level, at));
		}
	}

	private void sequence(PatientState state, DeviceState device, Reading reading, List<AlarmTransition> out) {
		Long sequence = reading.sequence();
		if (sequence == null) {
			return;
		}
		Instant at = reading.timestamp();
		if (device.lastSequence == null || (sequence < device.lastSequence && at.isAfter(device.lastSequenceAt))) {
			device.lastSequence = sequence;
			device.lastSequenceAt = at;
			return;
		}
		if (sequence <= device.lastSequence) {
			return;
		}
		long previous = device.lastSequence;
		long missed = sequence - previous - 1;
		device.lastSequence = sequence;
		device.lastSequenceAt = at;
		String key = key(device, AlarmKinds.SEQUENCE_GAP);
		if (missed > 0) {
			device.lastGapAt = at;
			device.recentGaps.addLast(at);
			while (device.recentGaps.peekFirst().isBefore(at.minus(GAP_WINDOW))) {
				device.recentGaps.pollFirst();
			}
			if (device.recentGaps.size() >= GAPS_TO_ALARM && !this.alarms.isActive(state, key)) {
				out.add(this.alarms.raise(state, key, RiskTable.priority(AlarmKinds.SEQUENCE_GAP),
						AlarmKinds.SEQUENCE_GAP, device.deviceId, "Missed " + missed + " readings from "
								+ device.deviceId + " (sequence " + previous + " to " + sequence + ")",
						(double) missed, at));
			}
		}
		else if (this.alarms.isActive(state, key)
				&& !at.isBefore(device.lastGapAt.plus(this.technical.sequenceGapHold()))) {
			this.alarms.resolve(state, key, at, out);
		}
	}

	private void recoverImplausible(PatientState state, DeviceState device, Reading reading,
			List<AlarmTransition> out) {
		if (device.implausibleSince.isEmpty()) {
			return;
		}
		Instant at = reading.timestamp();
		for (Parameter parameter : reading.values().keySet()) {
			Instant since = device.implausibleSince.get(parameter);
			if (since != null && !at.isBefore(since.plus(this.technical.sensorRecovery()))) {
				device.implausibleSince.remove(parameter);
				this.alarms.resolve(state, implausibleKey(device, parameter), at, out);
			}
		}
	}

	private static String implausibleKey(DeviceState device, Parameter parameter) {
		return key(device, AlarmKinds.IMPLAUSIBLE_VALUE) + "/" + parameter.canonicalName();
	}

	private static String key(DeviceState device, String kind) {
		return device.key(kind);
	}

	private static Double batteryDetail(DeviceEvent event) {
		String text = event.details().get("battery");
		if (text == null) {
			return null;
		}
		try {
			double level = Double.parseDouble(text);
			return Parameter.BATTERY.isPlausible(level) ? level : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
