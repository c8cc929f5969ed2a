package care.vitals.publisher.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import care.vitals.publisher.physiology.ArtefactEpisode;
import care.vitals.publisher.physiology.ArtefactKind;
import care.vitals.publisher.physiology.Artefacts;
import care.vitals.publisher.physiology.Moment;
import care.vitals.publisher.physiology.Noise;
import care.vitals.publisher.physiology.PatientModel;
import care.vitals.publisher.physiology.Physiology;
import care.vitals.publisher.physiology.Scenario;
import care.vitals.publisher.physiology.Vitals;

/**
 * What one device measures and reports, as a pure function of the moment (and the moment
 * of its previous tick, to detect the start and end of episodes). The only state a device
 * has, its sequence number, is kept by the caller.
 */
public final class DeviceModel {

	private static final double BATTERY_LOW = 15;

	private final String deviceId;

	private final DeviceKind kind;

	private final int index;

	private final PatientModel patient;

	private final int bed;

	private final Physiology physiology;

	private final Artefacts artefacts;

	private final Duration nibpInterval;

	private final Duration skew;

	/**
	 * Creates the model of one device.
	 * @param deviceId the device id
	 * @param kind the kind
	 * @param index the device index within the simulation (selects its noise streams)
	 * @param patient the patient it is attached to
	 * @param bed the bed number (for the robot's position)
	 * @param physiology the physiological model
	 * @param artefacts the artefact model
	 * @param nibpInterval how often the monitor measures blood pressure
	 * @param maxSkew the largest clock error; the device's own error is drawn from
	 * [-maxSkew, maxSkew]
	 */
	public DeviceModel(String deviceId, DeviceKind kind, int index, PatientModel patient, int bed,
			Physiology physiology, Artefacts artefacts, Duration nibpInterval, Duration maxSkew) {
		this.deviceId = deviceId;
		this.kind = kind;
		this.index = index;
		this.patient = patient;
		this.bed = bed;
		this.physiology = physiology;
		this.artefacts = artefacts;
		this.nibpInterval = nibpInterval;
		double u = Noise.uniform(patient.seed(), 6_000_000L + index, 0);
		this.skew = Duration.ofMillis(Math.round(maxSkew.toMillis() * (2 * u - 1)));
	}

	/**
	 * Returns the device id.
	 * @return the id
	 */
	public String deviceId() {
		return this.deviceId;
	}

	/**
	 * Returns the kind.
	 * @return the kind
	 */
	public DeviceKind kind() {
		return this.kind;
	}

	/**
	 * Returns the device's clock error, added to every timestamp it sends.
	 * @return the skew, may be negative
	 */
	public Duration skew() {
		return this.skew;
	}

	/**
	 * Computes what the device sends at a tick.
	 * @param scenario the scenario the patient is in
	 * @param now the moment of this tick
	 * @param previous the moment of the previous tick, or {@code null} at the first
	 * @param sequence the sequence number to give the reading
	 * @return the sample
	 */
	public Sample sample(Scenario scenario, Moment now, Moment previous, long sequence) {
		Instant ts = now.wallTime().plus(this.skew);
		List<DeviceEvent> events = new ArrayList<>();
		if (this.kind == DeviceKind.CARE_ROBOT) {
			return robotSample(now, previous, ts, sequence, events);
		}
		batteryEvent(now, previous, ts, events);
		Optional<ArtefactEpisode> episode = episode(scenario, now);
		Optional<ArtefactEpisode> before = (previous != null) ? episode(scenario, previous) : Optional.empty();
		probeEvents(episode, before, ts, events);
		if (episode.isPresent() && episode.get().kind() == ArtefactKind.DROPOUT) {
			return new Sample(null, events, true);
		}
		Vitals vitals = this.physiology.vitals(this.patient, scenario, frozen(now, episode));
		Map<Parameter, Double> values = measure(vitals, now, previous);
		if (episode.isPresent() && episode.get().kind() == ArtefactKind.PROBE_OFF) {
			probeOffValues().forEach(values::remove);
		}
		if (episode.isPresent() && episode.get().kind() == ArtefactKind.MOTION) {
			motion(values, episode.get().severity());
		}
		boolean flags = this.kind == DeviceKind.BEDSIDE_MONITOR;
		if (values.isEmpty() && !flags) {
			return new Sample(null, events, false);
		}
		Reading reading = new Reading(this.deviceId, ts, sequence, values, flags ? vitals.oxygen() : null,
				flags ? vitals.consciousness() : null);
		return new Sample(reading, events, false);
	}

	/**
	 * Returns the device's status.
	 * @param now the moment
	 * @param online whether it is connected
	 * @return the status
	 */
	public DeviceStatus status(Moment now, boolean online) {
		double t = now.sinceStart().toMillis() / 1000.0;
		long stream = 5_000_000L + this.index;
		double rssi = -50 - 25 * Noise.uniform(this.patient.seed(), stream, 0)
				+ 3 * Noise.smooth(this.patient.seed(), stream, t / 60);
		int dbm = (int) Math.max(-100, Math.min(-30, Math.round(rssi)));
		return new DeviceStatus(this.deviceId, online, battery(now), dbm, this.kind.firmware(),
				now.wallTime().plus(this.skew));
	}

	/**
	 * Returns the battery charge.
	 * @param now the moment
	 * @return percent, one decimal; {@code null} for mains-powered devices
	 */
	public Double battery(Moment now) {
		if (this.kind == DeviceKind.CARE_ROBOT) {
			return robot(now).battery();
		}
		if (!this.kind.batteryPowered()) {
			return null;
		}
		double start = 60 + 40 * Noise.uniform(this.patient.seed(), 4_000_000L + this.index, 0);
		double hours = now.sinceStart().toMillis() / 3_600_000.0;
		return Math.max(0, Math.round((start - this.kind.drainPerHour() * hours) * 10) / 10.0);
	}

	private Optional<ArtefactEpisode> episode(Scenario scenario, Moment moment) {
		double factor = scenario.stateAt(moment.scenarioElapsed()).artefactFactor();
		return this.artefacts.at(this.patient.seed(), this.index, moment.sinceStart(), factor);
	}

	private static Moment frozen(Moment now, Optional<ArtefactEpisode> episode) {
		if (episode.isEmpty() || episode.get().kind() != ArtefactKind.FLATLINE) {
			return now;
		}
		Duration stuck = now.sinceStart().minus(episode.get().start());
		return new Moment(episode.get().start(), now.scenarioElapsed().minus(stuck), now.wallTime().minus(stuck));
	}

	private Map<Parameter, Double> measure(Vitals vitals, Moment now, Moment previous) {
		Map<Parameter, Double> values = new LinkedHashMap<>();
		switch (this.kind) {
			case BEDSIDE_MONITOR -> {
				values.put(Parameter.HEART_RATE, vitals.heartRate());
				values.put(Parameter.SPO2, vitals.spo2());
				values.put(Parameter.RESP_RATE, vitals.respRate());
				values.put(Parameter.TEMPERATURE, vitals.temperature());
				if (nibpDue(now, previous)) {
					values.put(Parameter.SYSTOLIC_BP, vitals.systolic());
					values.put(Parameter.DIASTOLIC_BP, vitals.diastolic());
					values.put(Parameter.MEAN_BP, vitals.meanPressure());
				}
			}
			case PULSE_OXIMETER -> {
				values.put(Parameter.SPO2, vitals.spo2());
				values.put(Parameter.HEART_RATE, vitals.heartRate());
			}
			case THERMOMETER -> values.put(Parameter.TEMPERATURE, vitals.temperature());
			case WEARABLE -> {
				values.put(Parameter.HEART_RATE, vitals.heartRate());
				values.put(Parameter.RESP_RATE, vitals.respRate());
				values.put(Parameter.SPO2, vitals.spo2());
			}
			default -> throw new IllegalStateException("not a patient sensor: " + this.kind);
		}
		return values;
	}

	private boolean nibpDue(Moment now, Moment previous) {
		if (previous == null) {
			return true;
		}
		long interval = this.nibpInterval.toMillis();
		return now.sinceStart().toMillis() / interval != previous.sinceStart().toMillis() / interval;
	}

	private List<Parameter> probeOffValues() {
		return switch (this.kind) {
			case BEDSIDE_MONITOR -> List.of(Parameter.SPO2);
			case PULSE_OXIMETER -> List.of(Parameter.SPO2, Parameter.HEART_RATE);
			case THERMOMETER -> List.of(Parameter.TEMPERATURE);
			default -> this.kind.parameters();
		};
	}

	private String probeName() {
		return switch (this.kind) {
			case THERMOMETER -> "temperature";
			case WEARABLE -> "skin_contact";
			default -> "spo2";
		};
	}

	private static void motion(Map<Parameter, Double> values, double severity) {
		values.computeIfPresent(Parameter.HEART_RATE, (p, v) -> Math.min(250, v + Math.round(10 + 25 * severity)));
		values.computeIfPresent(Parameter.SPO2, (p, v) -> Math.max(60, v - Math.round(4 + 8 * severity)));
		values.computeIfPresent(Parameter.RESP_RATE, (p, v) -> Math.min(50, v + Math.round(4 * severity)));
	}

	private void probeEvents(Optional<ArtefactEpisode> now, Optional<ArtefactEpisode> before, Instant ts,
			List<DeviceEvent> events) {
		boolean off = now.isPresent() && now.get().kind() == ArtefactKind.PROBE_OFF;
		boolean wasOff = before.isPresent() && before.get().kind() == ArtefactKind.PROBE_OFF
				&& (now.isEmpty() || !before.get().equals(now.get()));
		boolean sameEpisode = off && before.isPresent() && before.get().equals(now.get());
		if (wasOff) {
			events.add(new DeviceEvent(this.deviceId, "probe_on", ts, Map.of("sensor", probeName())));
		}
		if (off && !sameEpisode) {
			events.add(new DeviceEvent(this.deviceId, "probe_off", ts, Map.of("sensor", probeName())));
		}
	}

	private void batteryEvent(Moment now, Moment previous, Instant ts, List<DeviceEvent> events) {
		if (previous == null || !this.kind.batteryPowered()) {
			return;
		}
		Double level = battery(now);
		Double before = battery(previous);
		if (level != null && before != null && level < BATTERY_LOW && before >= BATTERY_LOW) {
			events.add(new DeviceEvent(this.deviceId, "battery_low", ts, Map.of("battery", level.toString())));
		}
	}

	private RobotState robot(Moment moment) {
		return CareRobot.state(this.patient.seed(), this.index, this.bed, moment.sinceStart());
	}

	private Sample robotSample(Moment now, Moment previous, Instant ts, long sequence, List<DeviceEvent> events) {
		RobotState state = robot(now);
		if (state.error() != 0 && (previous == null || robot(previous).error() != state.error())) {
			events.add(new DeviceEvent(this.deviceId, "error", ts,
					Map.of("code", Integer.toString(state.error()), "message", CareRobot.ERRORS.get(state.error()))));
		}
		Map<Parameter, Double> values = new LinkedHashMap<>();
		values.put(Parameter.BATTERY, state.battery());
		values.put(Parameter.ROBOT_TASK, (double) state.task());
		values.put(Parameter.ROBOT_ERROR, (double) state.error());
		values.put(Parameter.POSITION_X, state.x());
		values.put(Parameter.POSITION_Y, state.y());
		values.put(Parameter.POSITION_AREA, (double) state.area());
		return new Sample(new Reading(this.deviceId, ts, sequence, values, null, null), events, false);
	}

}
