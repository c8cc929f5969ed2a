package care.vitals.model.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import care.vitals.model.parameter.Parameter;

/**
 * What the engine knows about one device of one patient: data flow, sequence numbers,
 * connectivity, battery, open sensor faults and recent artefact windows.
 */
final class DeviceState {

	private static final int MAX_WINDOWS = 32;

	final String deviceId;

	/** Since when the device is expected to send data, or {@code null} if not watched. */
	Instant watchedSince;

	/** When the last reading arrived (receive time, the time base of ticks). */
	Instant lastReceivedAt;

	/** {@code null} until a status arrived. */
	Boolean online;

	/** When the device last came back online after being offline. */
	Instant backOnlineAt;

	Long lastSequence;

	Instant lastSequenceAt;

	Instant lastGapAt;

	/**
	 * When the recent sequence gaps happened (within {@link DeviceAlarms#GAP_WINDOW}).
	 */
	final java.util.Deque<Instant> recentGaps = new java.util.ArrayDeque<>();

	final LimitTracker battery = new LimitTracker();

	/** Parameters whose last impossible value is not yet followed by a valid one. */
	final Map<Parameter, Instant> implausibleSince = new EnumMap<>(Parameter.class);

	/** Open faults by {@code kind/sensor}. */
	final Map<String, SensorFault> faults = new LinkedHashMap<>();

	private final List<ArtefactWindow> windows = new ArrayList<>();

	/**
	 * The condition keys every reading looks up (offline and no-data resolved, sequence
	 * checked), built once instead of three concatenations and hashes per reading.
	 */
	private final String offlineKey;

	private final String noDataKey;

	private final String sequenceGapKey;

	DeviceState(String deviceId) {
		this.deviceId = deviceId;
		String prefix = DeviceAlarms.keyPrefix(deviceId);
		this.offlineKey = prefix + AlarmKinds.DEVICE_OFFLINE;
		this.noDataKey = prefix + AlarmKinds.NO_DATA;
		this.sequenceGapKey = prefix + AlarmKinds.SEQUENCE_GAP;
	}

	/** The condition key of this device's alarm of a kind. */
	String key(String kind) {
		return switch (kind) {
			case AlarmKinds.DEVICE_OFFLINE -> this.offlineKey;
			case AlarmKinds.NO_DATA -> this.noDataKey;
			case AlarmKinds.SEQUENCE_GAP -> this.sequenceGapKey;
			default -> DeviceAlarms.keyPrefix(this.deviceId) + kind;
		};
	}

	void watch(Instant since) {
		if (this.watchedSince == null) {
			this.watchedSince = since;
		}
	}

	/**
	 * Returns the instant no-data is measured from (receive time): the latest of watch
	 * start, last reading received and coming back online.
	 */
	Instant dataReference() {
		Instant reference = this.watchedSince;
		reference = later(reference, this.lastReceivedAt);
		return later(reference, this.backOnlineAt);
	}

	void addWindow(ArtefactWindow window) {
		if (this.windows.size() == MAX_WINDOWS) {
			this.windows.remove(0);
		}
		this.windows.add(window);
	}

	boolean isArtefact(Parameter parameter, Instant at) {
		for (SensorFault fault : this.faults.values()) {
			if (fault.covers(parameter) && !at.isBefore(fault.since())) {
				return true;
			}
		}
		for (ArtefactWindow window : this.windows) {
			if (window.covers(parameter, at)) {
				return true;
			}
		}
		return false;
	}

	private static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b != null && b.isAfter(a)) ? b : a;
	}

	/**
	 * An open sensor fault (probe off, lead off, sensor disconnected).
	 *
	 * @param kind the opening event kind, also the alarm kind
	 * @param sensor the sensor detail, or {@code null}
	 * @param parameters the parameters it makes artefact; empty means all
	 * @param since when the fault began
	 * @param alarmKey the key of its technical alarm
	 * @param alarmed whether its alarm has been raised (after
	 * {@link SensorFaults#ALARM_DELAY})
	 */
	record SensorFault(String kind, String sensor, Set<Parameter> parameters, Instant since, String alarmKey,
			boolean alarmed) {

		boolean covers(Parameter parameter) {
			return this.parameters.isEmpty() || this.parameters.contains(parameter);
		}

	}

	/**
	 * A closed time span, both ends inclusive, in which values of some parameters are
	 * artefact.
	 *
	 * @param parameters the parameters; empty means all
	 * @param from the start
	 * @param until the end, settle time included
	 */
	record ArtefactWindow(Set<Parameter> parameters, Instant from, Instant until) {

		boolean covers(Parameter parameter, Instant at) {
			return (this.parameters.isEmpty() || this.parameters.contains(parameter)) && !at.isBefore(this.from)
					&& !at.isAfter(this.until);
		}

	}

}
