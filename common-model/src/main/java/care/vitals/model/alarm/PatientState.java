package care.vitals.model.alarm;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import care.vitals.model.parameter.Parameter;

/**
 * Everything the engine keeps about one patient.
 */
final class PatientState {

	final String patient;

	/** Where the patient is; {@code null} until an input named it. */
	PatientContext context;

	final Map<Parameter, ThresholdRule> overrides = new EnumMap<>(Parameter.class);

	/** Limit trackers by alarm kind ({@code spo2_low}, ...). */
	final Map<String, LimitTracker> trackers = new HashMap<>();

	final Map<String, DeviceState> devices = new TreeMap<>();

	/** Active alarms by condition key, in raise order. */
	final Map<String, ActiveAlarm> active = new LinkedHashMap<>();

	/** The last id issued per condition key, to keep ids unique per episode. */
	final Map<String, String> lastIds = new HashMap<>();

	Instant lastScoreAt;

	PatientState(String patient) {
		this.patient = patient;
	}

	DeviceState device(String deviceId) {
		return this.devices.computeIfAbsent(deviceId, DeviceState::new);
	}

	LimitTracker tracker(String kind) {
		return this.trackers.computeIfAbsent(kind, (key) -> new LimitTracker());
	}

	/**
	 * An active alarm with the instant it was raised.
	 */
	static final class ActiveAlarm {

		final String key;

		final Instant raisedAt;

		Alarm alarm;

		ActiveAlarm(String key, Alarm alarm) {
			this.key = key;
			this.raisedAt = alarm.ts();
			this.alarm = alarm;
		}

	}

}
