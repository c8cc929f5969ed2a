package care.vitals.publisher.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import care.vitals.publisher.mqtt.PublishCounters;
import care.vitals.publisher.physiology.Moment;

/**
 * A running (or stopped) simulation: its spec, patients, current settings, connections
 * and counters.
 */
public final class Simulation {

	private final SimulationSpec spec;

	private final List<Patient> patients;

	private final Instant origin;

	private final Instant createdAt;

	private final PublishCounters counters = new PublishCounters();

	private final RateMeter meter = new RateMeter();

	private volatile Settings settings;

	private volatile SimulationState state = SimulationState.RUNNING;

	private volatile Instant stoppedAt;

	private volatile Duration latest = Duration.ZERO;

	private SimulationRun run;

	Simulation(SimulationSpec spec, List<Patient> patients, Instant origin, Instant createdAt) {
		this.spec = spec;
		this.patients = List.copyOf(patients);
		this.origin = origin;
		this.createdAt = createdAt;
		this.settings = new Settings(spec.rate(), spec.format(), spec.qos(), spec.scenario(), Duration.ZERO,
				spec.speed());
	}

	void attach(SimulationRun run) {
		this.run = run;
	}

	/**
	 * Returns the moment of a tick.
	 * @param at the tick's timestamp
	 * @return the moment, with the scenario time of the current settings
	 */
	Moment moment(Instant at) {
		Duration sinceStart = Duration.between(this.origin, at);
		if (sinceStart.compareTo(this.latest) > 0) {
			this.latest = sinceStart;
		}
		return new Moment(sinceStart, this.settings.scenarioElapsed(sinceStart), at);
	}

	/**
	 * Returns the moment of a tick without recording it as the latest (for hot loops that
	 * record progress themselves).
	 * @param at the tick's timestamp
	 * @param settings the settings to use
	 * @return the moment
	 */
	Moment momentOf(Instant at, Settings settings) {
		Duration sinceStart = Duration.between(this.origin, at);
		return new Moment(sinceStart, settings.scenarioElapsed(sinceStart), at);
	}

	void progress(Duration sinceStart) {
		if (sinceStart.compareTo(this.latest) > 0) {
			this.latest = sinceStart;
		}
	}

	/**
	 * Returns the id.
	 * @return the id
	 */
	public String id() {
		return this.spec.id();
	}

	/**
	 * Returns the spec it was created with.
	 * @return the spec
	 */
	public SimulationSpec spec() {
		return this.spec;
	}

	/**
	 * Returns the patients.
	 * @return the patients in index order
	 */
	public List<Patient> patients() {
		return this.patients;
	}

	/**
	 * Returns the ids of a patient's devices.
	 * @param patient the patient
	 * @return the device ids, in the order of the spec's device kinds
	 */
	public List<String> deviceIds(Patient patient) {
		return this.spec.deviceKinds()
			.stream()
			.map((kind) -> SpecResolver.deviceId(this.spec.devicePrefix(), kind, patient.index(), this.spec.patients()))
			.toList();
	}

	/**
	 * Returns the timestamp of the first tick.
	 * @return the origin
	 */
	public Instant origin() {
		return this.origin;
	}

	/**
	 * Returns when it was created.
	 * @return the instant
	 */
	public Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * Returns when it stopped.
	 * @return the instant, or {@code null} while running
	 */
	public Instant stoppedAt() {
		return this.stoppedAt;
	}

	/**
	 * Returns the current settings.
	 * @return the settings
	 */
	public Settings settings() {
		return this.settings;
	}

	/**
	 * Returns the state.
	 * @return the state
	 */
	public SimulationState state() {
		return this.state;
	}

	/**
	 * Returns the publication counters.
	 * @return the counters
	 */
	public PublishCounters counters() {
		return this.counters;
	}

	/**
	 * Returns the latest tick's time since the start.
	 * @return the time
	 */
	public Duration latest() {
		return this.latest;
	}

	/**
	 * Returns the achieved rate over the last seconds.
	 * @return measurements per second
	 */
	public double achievedRate() {
		return this.meter.recent();
	}

	/**
	 * Returns the average achieved rate since the start.
	 * @return measurements per second
	 */
	public double averageRate() {
		return this.meter.average();
	}

	/**
	 * Returns the number of connections that are up.
	 * @return the count
	 */
	public int connected() {
		return (this.state == SimulationState.RUNNING && this.run != null) ? this.run.connected() : 0;
	}

	/**
	 * Returns the number of connections.
	 * @return the count
	 */
	public int connections() {
		return (this.run != null) ? this.run.connections() : 0;
	}

	SimulationRun run() {
		return this.run;
	}

	void sampleRate(long nanoTime) {
		this.meter.sample(this.counters.completed(), nanoTime);
	}

	synchronized Settings change(Settings next) {
		Settings before = this.settings;
		this.settings = next;
		return before;
	}

	synchronized boolean markStopped(Instant at) {
		if (this.state == SimulationState.STOPPED) {
			return false;
		}
		this.state = SimulationState.STOPPED;
		this.stoppedAt = at;
		return true;
	}

}
